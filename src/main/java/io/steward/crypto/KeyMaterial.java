package io.steward.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.util.Objects;

/**
 * Every keyset Steward holds: one key-encryption keyset per tier, the blind-index keyset and the
 * audit checkpoint signing keyset. Never printed.
 */
public record KeyMaterial(
    KeysetHandle personalKek, KeysetHandle sensitiveKek, KeysetHandle blindIndex, KeysetHandle auditSigning) {

  public KeyMaterial {
    Objects.requireNonNull(personalKek);
    Objects.requireNonNull(sensitiveKek);
    Objects.requireNonNull(blindIndex);
    Objects.requireNonNull(auditSigning);
  }

  public KeysetHandle kek(Tier tier) {
    return tier == Tier.PERSONAL ? personalKek : sensitiveKek;
  }

  KeyMaterial withKek(Tier tier, KeysetHandle handle) {
    return tier == Tier.PERSONAL
        ? new KeyMaterial(handle, sensitiveKek, blindIndex, auditSigning)
        : new KeyMaterial(personalKek, handle, blindIndex, auditSigning);
  }

  KeyMaterial withBlindIndex(KeysetHandle handle) {
    return new KeyMaterial(personalKek, sensitiveKek, handle, auditSigning);
  }

  @Override
  public String toString() {
    return "KeyMaterial[***]";
  }
}
