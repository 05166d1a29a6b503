package io.steward.crypto.local;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import io.steward.crypto.KeyMaterial;
import io.steward.crypto.KeyMaterialException;
import java.security.GeneralSecurityException;

/** Makes a fresh set of keysets: AES-256-GCM per tier, HMAC-SHA256 PRF for blind indexes, Ed25519 for audit. */
public final class KeyGeneration {

  private KeyGeneration() {}

  public static KeyMaterial fresh() {
    try {
      return new KeyMaterial(
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
          KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF),
          KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519));
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot generate keys", e);
    }
  }
}
