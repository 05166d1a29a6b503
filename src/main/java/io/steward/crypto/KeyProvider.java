package io.steward.crypto;

/**
 * The one seam through which key material enters and leaves Steward. The embedded default is a
 * passphrase-sealed key file ({@code crypto.local.PassphraseKeyFile}); an external KMS plugs in as
 * another implementation (see docs/security.md, "Plugging in a KMS").
 */
public interface KeyProvider {

  /** Loads the key material, creating it on a first start; refuses with {@link KeyMaterialException}. */
  KeyMaterial load();

  /** Persists changed key material (after a rotation), atomically. */
  void store(KeyMaterial material);

  /** Where the key material lives, for messages; never a secret. */
  String describe();
}
