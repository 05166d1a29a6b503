package io.steward.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Random;
import com.google.crypto.tink.util.SecretBytes;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.DataKeyStore.WrappedKey;
import io.steward.shared.RecordId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Envelope encryption of record tiers. Each record tier has its own data key (AES-256-GCM) for life, wrapped by
 * the tier's key-encryption key and kept in the key store. Associated data binds both the wrapped key and the
 * ciphertext to object type, record id and tier, so neither opens anywhere else.
 */
public class RecordCipher {

  private static final AesGcmParameters DEK_PARAMETERS;

  static {
    try {
      DEK_PARAMETERS =
          AesGcmParameters.builder()
              .setKeySizeBytes(32)
              .setIvSizeBytes(12)
              .setTagSizeBytes(16)
              .setVariant(AesGcmParameters.Variant.NO_PREFIX)
              .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(RecordCipher.class);

  private final KeyRing keys;
  private final DataKeyStore store;
  private final WrappedKeyCache cache;

  public RecordCipher(KeyRing keys, DataKeyStore store) {
    this(keys, store, WrappedKeyCache.off());
  }

  public RecordCipher(KeyRing keys, DataKeyStore store, WrappedKeyCache cache) {
    this.keys = keys;
    this.store = store;
    this.cache = cache;
  }

  /**
   * Seals a changed record's tiers, each under the record's own data key for that tier (made now for a tier that
   * had none). A record keeps one data key per tier for its life, so a read that fetches a record and its keys in
   * two statements never meets a record and a key from different writes. Must run in the transaction that writes
   * the record, after its row is locked.
   */
  public Map<Tier, byte[]> seal(String objectType, RecordId id, Map<Tier, byte[]> plaintexts) {
    if (plaintexts.isEmpty()) {
      return Map.of();
    }
    Map<String, WrappedKey> existing = store.find(List.of(id)).getOrDefault(id.value(), Map.of());
    Map<Tier, byte[]> sealed = new EnumMap<>(Tier.class);
    List<WrappedKey> made = new ArrayList<>();
    for (Map.Entry<Tier, byte[]> entry : plaintexts.entrySet()) {
      Tier tier = entry.getKey();
      WrappedKey wrapped = existing.get(tier.name());
      if (wrapped == null) {
        sealed.putAll(seal(objectType, id, Map.of(tier, entry.getValue()), made));
        continue;
      }
      try {
        byte[] dek = dataKey(objectType, id, tier, wrapped);
        sealed.put(tier, dataAead(dek).encrypt(entry.getValue(), associatedData("rec", objectType, id, tier)));
      } catch (GeneralSecurityException e) {
        throw broken(objectType, id, tier, "'s data key does not open, so it cannot be sealed again", e);
      }
    }
    store.insertAll(made);
    return sealed;
  }

  /**
   * Seals the tiers of many records that have no data keys yet, writing their keys in one batch; must run in the
   * transaction that inserts the records.
   */
  public Map<RecordId, Map<Tier, byte[]>> sealNew(String objectType, Map<RecordId, Map<Tier, byte[]>> plaintexts) {
    Map<RecordId, Map<Tier, byte[]>> sealed = new HashMap<>();
    List<WrappedKey> keys = new ArrayList<>();
    plaintexts.forEach((id, tiers) -> sealed.put(id, seal(objectType, id, tiers, keys)));
    store.insertAll(keys);
    return sealed;
  }

  private Map<Tier, byte[]> seal(String objectType, RecordId id, Map<Tier, byte[]> plaintexts, List<WrappedKey> wrappedKeys) {
    Map<Tier, byte[]> sealed = new EnumMap<>(Tier.class);
    try {
      for (Map.Entry<Tier, byte[]> entry : plaintexts.entrySet()) {
        Tier tier = entry.getKey();
        byte[] dek = Random.randBytes(32);
        KeyRing.PrimaryKek kek = keys.leasePrimaryKek(tier);
        byte[] wrapped = kek.aead().encrypt(dek, associatedData("dek", objectType, id, tier));
        wrappedKeys.add(new WrappedKey(id.value(), objectType, tier.name(), kek.keyId(), wrapped));
        sealed.put(tier, dataAead(dek).encrypt(entry.getValue(), associatedData("rec", objectType, id, tier)));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Sealing failed", e);
    }
    return sealed;
  }

  /** Opens the tiers of one record. */
  public Map<Tier, byte[]> open(String objectType, RecordId id, Map<Tier, byte[]> sealed) {
    if (sealed.isEmpty()) {
      return Map.of();
    }
    return open(objectType, id, sealed, cache.find(store, List.of(id)).getOrDefault(id.value(), Map.of()));
  }

  /** Opens many records of one type with a single key-store read. */
  public Map<RecordId, Map<Tier, byte[]>> openAll(String objectType, Map<RecordId, Map<Tier, byte[]>> sealed) {
    Map<RecordId, Map<Tier, byte[]>> result = new HashMap<>();
    Collection<RecordId> withData = sealed.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    var wrappedKeys = cache.find(store, withData);
    sealed.forEach((id, tiers) -> result.put(id, open(objectType, id, tiers, wrappedKeys.getOrDefault(id.value(), Map.of()))));
    return result;
  }

  /** Forgets what this node remembers of a record's wrapped keys: another node erased it. */
  public void forget(RecordId id) {
    cache.forget(id.value());
  }

  /** Crypto-shredding: destroys the record's data keys; its ciphertexts, wherever copied, no longer open. */
  public void shred(RecordId id) {
    store.delete(id);
    cache.forget(id.value());
  }

  private Map<Tier, byte[]> open(String objectType, RecordId id, Map<Tier, byte[]> sealed, Map<String, WrappedKey> wrappedKeys) {
    Map<Tier, byte[]> opened = new EnumMap<>(Tier.class);
    for (Map.Entry<Tier, byte[]> entry : sealed.entrySet()) {
      Tier tier = entry.getKey();
      WrappedKey wrapped = wrappedKeys.get(tier.name());
      if (wrapped == null) {
        wrapped = reread(id).get(tier.name()); // remembered before another write gave the record this tier
      }
      if (wrapped == null) {
        throw broken(objectType, id, tier, " has no data key (the record was erased, or its data was restored without the key store)", null);
      }
      try {
        byte[] dek = dataKey(objectType, id, tier, wrapped);
        opened.put(tier, dataAead(dek).decrypt(entry.getValue(), associatedData("rec", objectType, id, tier)));
      } catch (GeneralSecurityException e) {
        throw broken(objectType, id, tier,
            " does not open: its ciphertext or data key belongs to another record, was altered, or its key-encryption key is gone", e);
      }
    }
    return opened;
  }

  /**
   * The plain data key of a record tier. If it does not open it is read once more: a rotation may have re-wrapped it
   * (and retired the old key) since it was read.
   */
  private byte[] dataKey(String objectType, RecordId id, Tier tier, WrappedKey wrapped) throws GeneralSecurityException {
    try {
      return unwrap(objectType, id, tier, wrapped);
    } catch (GeneralSecurityException first) {
      WrappedKey again = reread(id).get(tier.name());
      if (again == null || Arrays.equals(again.wrapped(), wrapped.wrapped())) {
        throw first;
      }
      return unwrap(objectType, id, tier, again);
    }
  }

  /** A record's wrapped keys read from the key store itself, replacing what this node remembered of them. */
  private Map<String, WrappedKey> reread(RecordId id) {
    Map<String, WrappedKey> again = store.find(List.of(id)).getOrDefault(id.value(), Map.of());
    if (!again.isEmpty()) {
      cache.refresh(id.value(), again);
    }
    return again;
  }

  /**
   * Unwraps a data key. If it names a key-encryption key this node does not hold, another node changed the keys since
   * this one last looked: the key material is loaded once more before giving up.
   */
  private byte[] unwrap(String objectType, RecordId id, Tier tier, WrappedKey wrapped) throws GeneralSecurityException {
    byte[] ad = associatedData("dek", objectType, id, tier);
    try {
      return keys.kek(tier).decrypt(wrapped.wrapped(), ad);
    } catch (GeneralSecurityException e) {
      if (!reloadFor(tier, wrapped.kekId())) {
        throw e;
      }
      return keys.kek(tier).decrypt(wrapped.wrapped(), ad);
    }
  }

  /** Loads newer key material if the key-encryption key is unknown here; true if that brought newer material. */
  private boolean reloadFor(Tier tier, int kekId) {
    if (keys.holdsKek(tier, kekId)) {
      return false;
    }
    try {
      return keys.refresh();
    } catch (KeyMaterialException e) {
      log.warn("A data key names a {} key this node does not hold, and newer key material cannot be loaded: {}",
          tier.name().toLowerCase(Locale.ROOT), e.getMessage());
      return false;
    }
  }

  /** Loud on purpose: a record that does not open is tampering, a bad restore or a lost key, never routine. */
  private static SealBrokenException broken(String objectType, RecordId id, Tier tier, String why, Throwable cause) {
    String message = "The " + tier.name().toLowerCase(Locale.ROOT) + " data of " + objectType + " " + id + why;
    log.error("{}. Refusing to return it.", message);
    return new SealBrokenException(message, cause);
  }

  static byte[] associatedData(String kind, String objectType, RecordId id, Tier tier) {
    return ("steward/v1|" + kind + "|" + objectType + "|" + id + "|" + tier.name()).getBytes(StandardCharsets.UTF_8);
  }

  static Aead dataAead(byte[] dek) throws GeneralSecurityException {
    return AesGcmJce.create(
        AesGcmKey.builder().setParameters(DEK_PARAMETERS).setKeyBytes(SecretBytes.copyFrom(dek, InsecureSecretKeyAccess.get())).build());
  }
}
