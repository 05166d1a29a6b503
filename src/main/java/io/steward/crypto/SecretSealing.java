package io.steward.crypto;

import io.steward.shared.RecordId;
import io.steward.shared.SecretSealer;
import java.util.Map;
import java.util.UUID;

/**
 * The crypto module's {@link SecretSealer}: each secret gets its own data key under the sensitive tier's
 * key-encryption key, exactly like a record's sensitive tier (so key rotation re-wraps it and erasure shreds it).
 */
public class SecretSealing implements SecretSealer {

  private final RecordCipher cipher;

  public SecretSealing(RecordCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public byte[] seal(String purpose, UUID id, byte[] plaintext) {
    return cipher.seal(purpose, new RecordId(id), Map.of(Tier.SENSITIVE, plaintext)).get(Tier.SENSITIVE);
  }

  @Override
  public byte[] open(String purpose, UUID id, byte[] sealed) {
    return cipher.open(purpose, new RecordId(id), Map.of(Tier.SENSITIVE, sealed)).get(Tier.SENSITIVE);
  }

  @Override
  public void destroy(UUID id) {
    cipher.shred(new RecordId(id));
  }
}
