package io.steward.crypto;

/**
 * A ciphertext or wrapped data key does not open for the record it is stored with: tampering,
 * a copy from another record, corruption, or an erased (shredded) record.
 */
public class SealBrokenException extends RuntimeException {

  public SealBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
