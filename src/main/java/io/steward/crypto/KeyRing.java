package io.steward.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live key material and the Tink primitives made from it. Rotation swaps in new material atomically
 * and writes it through the {@link KeyProvider}.
 */
public class KeyRing {

  static {
    try {
      AeadConfig.register();
      PrfConfig.register();
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static final String KEK_SPACE = "kek-";
  static final String BLIND_INDEX_SPACE = "blind-index";

  private final KeyProvider provider;
  private final AtomicReference<Primitives> current = new AtomicReference<>();
  private final KeyLeases leases = new KeyLeases();

  public KeyRing(KeyProvider provider) {
    this.provider = provider;
    current.set(Primitives.of(provider.load()));
  }

  /** For tests and benchmarks: key material held only in memory. */
  public static KeyRing inMemory() {
    return new KeyRing(new InMemoryKeyProvider());
  }

  public String describe() {
    return provider.describe();
  }

  Aead kek(Tier tier) {
    return current.get().kek(tier);
  }

  int primaryKekId(Tier tier) {
    return current.get().material.kek(tier).getPrimary().getId();
  }

  /** The primary key-encryption key of a tier and its id, taken together, for wrapping a new data key. */
  record PrimaryKek(Aead aead, int keyId) {}

  /**
   * The tier's primary key-encryption key, held by the current transaction until it ends, so that a rotation
   * does not retire it while a data key wrapped with it is still uncommitted.
   */
  PrimaryKek leasePrimaryKek(Tier tier) {
    while (true) {
      Primitives p = current.get();
      int id = p.material.kek(tier).getPrimary().getId();
      leases.holdUntilCompletion(KEK_SPACE + tier.keysetName(), id);
      // Re-read after taking the hold: a rotation that swapped keys in between now waits for this hold, or we retry.
      if (current.get().material.kek(tier).getPrimary().getId() == id) {
        return new PrimaryKek(p.kek(tier), id);
      }
    }
  }

  /** The primary blind-index key id, held by the current transaction until it ends (see {@link #leasePrimaryKek}). */
  int leasePrimaryBlindIndexKeyId() {
    while (true) {
      int id = primaryBlindIndexKeyId();
      leases.holdUntilCompletion(BLIND_INDEX_SPACE, id);
      if (primaryBlindIndexKeyId() == id) {
        return id;
      }
    }
  }

  /** Waits until no open transaction still writes with a non-primary key of the tier; false on time-out. */
  boolean awaitOldKeksReleased(Tier tier, java.time.Duration timeout) throws InterruptedException {
    int primary = primaryKekId(tier);
    return leases.awaitReleased(KEK_SPACE + tier.keysetName(), id -> id != primary, timeout);
  }

  boolean awaitOldBlindIndexKeysReleased(java.time.Duration timeout) throws InterruptedException {
    int primary = primaryBlindIndexKeyId();
    return leases.awaitReleased(BLIND_INDEX_SPACE, id -> id != primary, timeout);
  }

  List<Integer> kekIds(Tier tier) {
    return keyIds(current.get().material.kek(tier));
  }

  PrfSet blindIndex() {
    return current.get().blindIndex;
  }

  public PublicKeySign auditSigner() {
    return current.get().auditSigner;
  }

  public PublicKeyVerify auditVerifier() {
    return current.get().auditVerifier;
  }

  /** Adds a fresh key to a tier's key-encryption keyset and makes it primary; returns its id. */
  synchronized int addPrimaryKek(Tier tier) {
    try {
      KeysetHandle old = current.get().material.kek(tier);
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(old);
      builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary());
      KeysetHandle updated = builder.build();
      install(current.get().material.withKek(tier, updated));
      return updated.getPrimary().getId();
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot add a key-encryption key", e);
    }
  }

  /**
   * Removes every key of a tier except {@code keep} and the primary; call only when no data key is wrapped by
   * another. Naming the key that was verified keeps a rotation started meanwhile from losing its predecessor.
   */
  synchronized void retireOldKeks(Tier tier, int keep) {
    try {
      KeysetHandle old = current.get().material.kek(tier);
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(old);
      for (int i = builder.size() - 1; i >= 0; i--) {
        if (!builder.getAt(i).isPrimary() && old.getAt(i).getId() != keep) {
          builder.deleteAt(i);
        }
      }
      install(current.get().material.withKek(tier, builder.build()));
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot retire old key-encryption keys", e);
    }
  }

  /** Adds a fresh blind-index key as primary; the old one stays for look-ups until the index is rebuilt. */
  synchronized int addPrimaryBlindIndexKey() {
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(current.get().material.blindIndex());
      builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedPrfParameters.HMAC_SHA256_PRF).withRandomId().makePrimary());
      KeysetHandle updated = builder.build();
      install(current.get().material.withBlindIndex(updated));
      return updated.getPrimary().getId();
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot add a blind-index key", e);
    }
  }

  /** Removes every blind-index key except {@code keep} and the primary, once the index is rebuilt. */
  synchronized void retireOldBlindIndexKeys(int keep) {
    try {
      KeysetHandle old = current.get().material.blindIndex();
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(old);
      for (int i = builder.size() - 1; i >= 0; i--) {
        if (!builder.getAt(i).isPrimary() && old.getAt(i).getId() != keep) {
          builder.deleteAt(i);
        }
      }
      install(current.get().material.withBlindIndex(builder.build()));
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot retire old blind-index keys", e);
    }
  }

  List<Integer> blindIndexKeyIds() {
    return keyIds(current.get().material.blindIndex());
  }

  int primaryBlindIndexKeyId() {
    return current.get().material.blindIndex().getPrimary().getId();
  }

  private void install(KeyMaterial material) {
    Primitives primitives = Primitives.of(material);
    provider.store(material);
    current.set(primitives);
  }

  private static List<Integer> keyIds(KeysetHandle handle) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < handle.size(); i++) {
      ids.add(handle.getAt(i).getId());
    }
    return ids;
  }

  private record Primitives(
      KeyMaterial material, Aead personal, Aead sensitive, PrfSet blindIndex, PublicKeySign auditSigner, PublicKeyVerify auditVerifier) {

    static Primitives of(KeyMaterial m) {
      try {
        var config = RegistryConfiguration.get();
        return new Primitives(
            m,
            m.personalKek().getPrimitive(config, Aead.class),
            m.sensitiveKek().getPrimitive(config, Aead.class),
            m.blindIndex().getPrimitive(config, PrfSet.class),
            m.auditSigning().getPrimitive(config, PublicKeySign.class),
            m.auditSigning().getPublicKeysetHandle().getPrimitive(config, PublicKeyVerify.class));
      } catch (GeneralSecurityException e) {
        throw new KeyMaterialException("The key material cannot be used: " + e.getMessage(), e);
      }
    }

    Aead kek(Tier tier) {
      return tier == Tier.PERSONAL ? personal : sensitive;
    }

    @Override
    public String toString() {
      return "Primitives[***]";
    }
  }

  /** Keys that live only as long as the process: tests and benchmarks. */
  static final class InMemoryKeyProvider implements KeyProvider {
    private KeyMaterial material;

    @Override
    public synchronized KeyMaterial load() {
      if (material == null) {
        material = io.steward.crypto.local.KeyGeneration.fresh();
      }
      return material;
    }

    @Override
    public synchronized void store(KeyMaterial material) {
      this.material = material;
    }

    @Override
    public String describe() {
      return "in-memory keys";
    }
  }
}
