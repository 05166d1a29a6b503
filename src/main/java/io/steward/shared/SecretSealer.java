package io.steward.shared;

import java.util.UUID;

/**
 * Seals small secrets that other modules must keep but never store in plaintext (a TOTP seed). Implemented
 * by the crypto module (envelope encryption under the sensitive tier's key, rotated with it), so that a module
 * that may not depend on crypto can still keep a secret apart from its key: a database dump alone opens nothing.
 * {@code purpose} and {@code id} are bound to the ciphertext; {@link #destroy} crypto-shreds it.
 */
public interface SecretSealer {

  byte[] seal(String purpose, UUID id, byte[] plaintext);

  byte[] open(String purpose, UUID id, byte[] sealed);

  void destroy(UUID id);
}
