package io.steward.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;

/**
 * The keysets that rotate: one key-encryption keyset per tier and the blind-index keyset. The name is at once the
 * rotation job's kind and the space in which writers' key leases are counted.
 */
enum Keyset {
  PERSONAL_KEK(Tier.PERSONAL),
  SENSITIVE_KEK(Tier.SENSITIVE),
  BLIND_INDEX(null);

  /** Null for the blind-index keyset. */
  final Tier tier;

  Keyset(Tier tier) {
    this.tier = tier;
  }

  static Keyset of(Tier tier) {
    return tier == Tier.PERSONAL ? PERSONAL_KEK : SENSITIVE_KEK;
  }

  static Keyset ofKind(String kind) {
    for (Keyset k : values()) {
      if (k.kind().equals(kind)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown keyset kind " + kind);
  }

  /** "kek-personal", "kek-sensitive" or "blind-index". */
  String kind() {
    return tier == null ? KeyRotation.BLIND_INDEX : "kek-" + tier.keysetName();
  }

  /** How the key store names the keyset of a data key ({@code data_key.tier}); null for the blind-index keyset. */
  String dataKeyTier() {
    return tier == null ? null : tier.name();
  }

  KeysetHandle of(KeyMaterial m) {
    return tier == null ? m.blindIndex() : m.kek(tier);
  }

  KeyMaterial with(KeyMaterial m, KeysetHandle handle) {
    return tier == null ? m.withBlindIndex(handle) : m.withKek(tier, handle);
  }

  Parameters newKeyParameters() {
    return tier == null ? PredefinedPrfParameters.HMAC_SHA256_PRF : PredefinedAeadParameters.AES256_GCM;
  }

  String label() {
    return tier == null ? "blind-index" : tier.keysetName();
  }
}
