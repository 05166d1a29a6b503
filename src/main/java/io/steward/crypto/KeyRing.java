package io.steward.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.signature.SignatureConfig;
import io.steward.crypto.store.KeyVersionStore;
import io.steward.crypto.store.KeyVersionStore.KeyState;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The live key material of this node and the Tink primitives made from it.
 *
 * <p>With a {@link KeyVersionStore} (every serving Steward) the ring is one node of several sharing a database and a
 * key source: every change of key material is made under the database's key lock on the latest material, stored by
 * the {@link KeyProvider} and recorded as a new version with the key ids it holds; other nodes notice the version
 * (see {@link KeyNodes}) and load the material, adopting it only if it holds exactly those key ids. A node that has
 * not confirmed its version for half the node timeout checks again before it writes with a primary key.
 * Without a store (tests, benchmarks) the ring is on its own.
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

  static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

  private final KeyProvider provider;
  private final KeyVersionStore versions;
  private final Duration nodeTimeout;
  private final String nodeId = UUID.randomUUID().toString();
  private final String nodeName;
  private final AtomicReference<Primitives> current = new AtomicReference<>();
  private final KeyLeases leases = new KeyLeases();
  /** When (System.nanoTime) this node last wrote its heartbeat or saw that no newer key version is in force. */
  private volatile long confirmedAt;
  private final AtomicLong adopted = new AtomicLong();

  /** A ring on its own: key changes are stored by the provider, nothing is coordinated (tests, benchmarks, tools). */
  public KeyRing(KeyProvider provider) {
    this(provider, null, DEFAULT_NODE_TIMEOUT);
  }

  public KeyRing(KeyProvider provider, KeyVersionStore versions) {
    this(provider, versions, DEFAULT_NODE_TIMEOUT);
  }

  /**
   * A node sharing the key source with others through the database: loads the key material, checks it against the
   * version the database records (adopting it as a new version if a key change was interrupted after the material
   * was saved, provided it holds every key a data key names) and announces this node.
   */
  public KeyRing(KeyProvider provider, KeyVersionStore versions, Duration nodeTimeout) {
    this.provider = provider;
    this.versions = versions;
    this.nodeTimeout = nodeTimeout;
    String host = System.getenv("HOSTNAME");
    this.nodeName = (host == null || host.isBlank() ? "node" : host) + "/" + ProcessHandle.current().pid() + "/" + nodeId.substring(0, 8);
    KeyMaterial loaded = provider.load();
    current.set(versions == null ? Primitives.of(loaded, 0) : startUp(loaded));
    adopted.set(current.get().version);
    confirmedAt = System.nanoTime();
  }

  /** For tests and benchmarks: key material held only in memory. */
  public static KeyRing inMemory() {
    return new KeyRing(new InMemoryKeyProvider());
  }

  /** For tests and benchmarks on a database: key material in memory, its key ids recorded in the database. */
  public static KeyRing inMemory(KeyVersionStore versions) {
    return new KeyRing(new InMemoryKeyProvider(), versions);
  }

  public String describe() {
    return provider.describe();
  }

  String nodeId() {
    return nodeId;
  }

  String nodeName() {
    return nodeName;
  }

  KeyVersionStore versions() {
    return versions;
  }

  Duration nodeTimeout() {
    return nodeTimeout;
  }

  /** The version of the key material this node holds (0 for a ring on its own before any change). */
  long version() {
    return current.get().version;
  }

  Aead kek(Tier tier) {
    return current.get().kek(tier);
  }

  int primaryKekId(Tier tier) {
    return primaryId(Keyset.of(tier));
  }

  List<Integer> kekIds(Tier tier) {
    return ids(Keyset.of(tier));
  }

  boolean holdsKek(Tier tier, int keyId) {
    return kekIds(tier).contains(keyId);
  }

  int primaryId(Keyset keyset) {
    return current.get().primaryId(keyset);
  }

  List<Integer> ids(Keyset keyset) {
    return idsOf(keyset.of(current.get().material));
  }

  PrfSet blindIndex() {
    return current.get().blindIndex;
  }

  List<Integer> blindIndexKeyIds() {
    return ids(Keyset.BLIND_INDEX);
  }

  int primaryBlindIndexKeyId() {
    return primaryId(Keyset.BLIND_INDEX);
  }

  public PublicKeySign auditSigner() {
    return current.get().auditSigner;
  }

  public PublicKeyVerify auditVerifier() {
    return current.get().auditVerifier;
  }

  /** The primary key-encryption key of a tier and its id, taken together, for wrapping a new data key. */
  record PrimaryKek(Aead aead, int keyId) {}

  /**
   * The tier's primary key-encryption key, held by the current transaction until it ends, so that a rotation
   * does not retire it while a data key wrapped with it is still uncommitted.
   */
  PrimaryKek leasePrimaryKek(Tier tier) {
    Keyset keyset = Keyset.of(tier);
    Primitives p = leasePrimary(keyset);
    return new PrimaryKek(p.kek(tier), p.primaryId(keyset));
  }

  /** The primary blind-index key id, held by the current transaction until it ends (see {@link #leasePrimaryKek}). */
  int leasePrimaryBlindIndexKeyId() {
    return leasePrimary(Keyset.BLIND_INDEX).primaryId(Keyset.BLIND_INDEX);
  }

  /** Leases the keyset's primary key of the material it returns. */
  private Primitives leasePrimary(Keyset keyset) {
    while (true) {
      ensureFresh();
      Primitives p = current.get();
      int id = p.primaryId(keyset);
      leases.holdUntilCompletion(keyset.kind(), id);
      // Re-read after taking the hold: a key change that swapped keys in between now waits for this hold, or we retry.
      if (current.get().primaryId(keyset) == id) {
        return p;
      }
    }
  }

  /** True when no open transaction of this node still writes with a key that is not primary in the material held. */
  boolean oldKeysReleased() {
    Primitives p = current.get();
    for (Keyset keyset : Keyset.values()) {
      int primary = p.primaryId(keyset);
      if (leases.held(keyset.kind(), id -> id != primary)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The newest key version this node has adopted: it holds that material, and none of its open transactions writes
   * with a key that is not primary there. What the node's heartbeat reports; a rotation waits for it on every node.
   */
  long adoptedVersion() {
    long held = version();
    return held > adopted.get() && oldKeysReleased() ? adopted.accumulateAndGet(held, Math::max) : adopted.get();
  }

  /**
   * Asks the database which key version is in force and, if it is newer than the one held, loads the key material from
   * the provider and adopts it, but only if it holds exactly the key ids that version records (a key file read while
   * another node replaces it, or a copy that is not the shared one, is refused with {@link KeyMaterialException}).
   * Returns true if newer material was adopted.
   */
  boolean refresh() {
    if (versions == null) {
      return false;
    }
    long readAt = System.nanoTime();
    KeyState state = versions.state();
    if (state.version() <= version()) {
      confirmedAt = readAt;
      return false;
    }
    return adopt(state, readAt);
  }

  private synchronized boolean adopt(KeyState state, long readAt) {
    if (state.version() <= version()) {
      confirmedAt = readAt;
      return false;
    }
    KeyMaterial material = provider.load();
    if (!fingerprint(material).equals(state.keyIds())) {
      throw new KeyMaterialException("The key material in " + describe() + " is not key version " + state.version()
          + " that the database records: it is being replaced right now, or this node reads another key file or KMS key than "
          + "the node that changed it. This node keeps key version " + version() + " until it can load the recorded one.");
    }
    install(Primitives.of(material, state.version()));
    log.info("Key version {} adopted from {}", state.version(), describe());
    return true;
  }

  /**
   * Records that this node's heartbeat was written at a moment (System.nanoTime): until half the node timeout later the
   * other nodes still count it as live, so no rotation retires a key without waiting for it.
   */
  void confirm(long at) {
    if (at > confirmedAt) {
      confirmedAt = at;
    }
  }

  /**
   * A node that has neither written its heartbeat nor confirmed its key version for half the node timeout (its poller
   * stalled, or the process was paused) checks the version in force before it writes with a primary key.
   */
  private void ensureFresh() {
    if (versions != null && System.nanoTime() - confirmedAt > nodeTimeout.toNanos() / 2) {
      refresh();
    }
  }

  /** An edit of one keyset; returning the same handle means "no change". */
  interface Edit {
    KeysetHandle apply(KeysetHandle current) throws GeneralSecurityException;
  }

  /**
   * Changes one keyset for every node: under the database's key lock, on the latest key material (loaded if another
   * node changed it), the edit is applied, the key-encryption keys in force are updated (the database refuses to retire
   * one that a data key names), {@code then} runs in the same transaction with the keyset before and after, the
   * material is stored by the provider and recorded as a new version. Only then is it adopted here; other nodes adopt
   * it at their next poll. If the transaction fails after the material was stored, the previous material is put back.
   */
  synchronized <T> T change(Keyset keyset, Edit edit, BiFunction<KeysetHandle, KeysetHandle, T> then) {
    if (versions == null) {
      Primitives base = current.get();
      KeysetHandle before = keyset.of(base.material);
      KeysetHandle after = apply(edit, before);
      T value = then.apply(before, after);
      if (after != before) {
        KeyMaterial next = keyset.with(base.material, after);
        provider.store(next);
        install(Primitives.of(next, base.version + 1));
      }
      return value;
    }
    AtomicReference<KeyMaterial> replaced = new AtomicReference<>();
    AtomicReference<Primitives> result = new AtomicReference<>();
    try {
      T value = versions.underKeyLock(state -> {
        Primitives base = latest(state);
        KeysetHandle before = keyset.of(base.material);
        KeysetHandle after = apply(edit, before);
        if (after != before && keyset.dataKeyTier() != null) {
          List<Integer> kept = idsOf(after);
          versions.keepInForce(keyset.dataKeyTier(), kept);
          versions.retire(keyset.dataKeyTier(), idsOf(before).stream().filter(id -> !kept.contains(id)).toList());
        }
        T v = then.apply(before, after);
        if (after == before) {
          result.set(base);
          return v;
        }
        KeyMaterial next = keyset.with(base.material, after);
        provider.store(next);
        replaced.set(base.material);
        result.set(Primitives.of(next, versions.bump(state.version(), fingerprint(next))));
        return v;
      });
      install(result.get());
      return value;
    } catch (RuntimeException e) {
      if (replaced.get() != null) {
        restore(replaced.get());
      }
      throw e;
    }
  }

  /** Inside the key lock: the material of the version the database records, this node's if it is that version. */
  private Primitives latest(KeyState state) {
    Primitives held = current.get();
    if (held.version == state.version() && fingerprint(held.material).equals(state.keyIds())) {
      return held;
    }
    KeyMaterial material = provider.load();
    if (!fingerprint(material).equals(state.keyIds())) {
      throw new KeyMaterialException("The key material in " + describe() + " is not key version " + state.version()
          + " that the database records; no key change is made until every node reads the same key file or KMS key.");
    }
    return Primitives.of(material, state.version());
  }

  private void restore(KeyMaterial previous) {
    try {
      provider.store(previous);
      log.warn("A key change was not recorded in the database; the previous key material was put back in {}", describe());
    } catch (RuntimeException e) {
      log.error("A key change was not recorded in the database and the previous key material could not be put back in {}; "
          + "the next start adopts the material it finds there", describe(), e);
    }
  }

  private static KeysetHandle apply(Edit edit, KeysetHandle before) {
    try {
      return edit.apply(before);
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot change the keyset", e);
    }
  }

  private void install(Primitives p) {
    current.updateAndGet(held -> p.version >= held.version ? p : held);
    confirmedAt = System.nanoTime();
  }

  /**
   * At start-up, under the key lock: the material must be the version the database records. If it is not (first start
   * with coordination, or a key change interrupted between saving the material and recording it) it is recorded as a
   * new version, provided it holds every key-encryption key a data key names; otherwise start-up is refused.
   */
  private Primitives startUp(KeyMaterial loaded) {
    return versions.underKeyLock(state -> {
      KeyMaterial material = loaded;
      if (!state.keyIds().isEmpty() && !fingerprint(material).equals(state.keyIds())) {
        material = provider.load(); // read again under the lock: another node's change may have landed meanwhile
      }
      long version = state.version();
      String fingerprint = fingerprint(material);
      if (!fingerprint.equals(state.keyIds())) {
        recordInForce(material);
        if (!state.keyIds().isEmpty()) {
          log.warn("The key material in {} is not key version {} that the database records (a key change was interrupted "
              + "between saving the keys and recording them); it is recorded as the next version", describe(), version);
        }
        version = versions.bump(version, fingerprint);
      }
      versions.heartbeat(nodeId, nodeName, version);
      return Primitives.of(material, version);
    });
  }

  /** Makes the material's key-encryption keys the ones in force, refusing material that lacks a key a data key names. */
  private void recordInForce(KeyMaterial material) {
    List<String> missing = new ArrayList<>();
    for (String used : versions.usedKeys()) {
      String[] tierAndId = used.split("/");
      if (!idsOf(material.kek(Tier.valueOf(tierAndId[0]))).contains(Integer.parseInt(tierAndId[1]))) {
        missing.add(tierAndId[0].toLowerCase(java.util.Locale.ROOT) + " key " + Integer.toUnsignedString(Integer.parseInt(tierAndId[1])));
      }
    }
    if (!missing.isEmpty()) {
      throw new KeyMaterialException("The key material in " + describe() + " does not hold keys that data keys in the database "
          + "are wrapped with (" + String.join(", ", missing) + "). Every node must use the same key file or KMS key; restore the "
          + "keys folder from your key backup. Steward has changed nothing.");
    }
    for (Tier tier : Tier.values()) {
      List<Integer> ids = idsOf(material.kek(tier));
      versions.keepInForce(tier.name(), ids);
      try {
        versions.retire(tier.name(), versions.inForce(tier.name()).stream().filter(id -> !ids.contains(id)).toList());
      } catch (DataIntegrityViolationException e) {
        throw new KeyMaterialException("Another node is writing data keys with a " + tier.keysetName() + " key that the key "
            + "material in " + describe() + " does not hold. Every node must use the same key file or KMS key. Steward has changed nothing.");
      }
    }
  }

  /** The key ids of every keyset with their primaries: what a key version holds, never key material. */
  static String fingerprint(KeyMaterial m) {
    StringBuilder s = new StringBuilder();
    for (Keyset keyset : Keyset.values()) {
      s.append(keyset.kind()).append('=').append(describeIds(keyset.of(m))).append(';');
    }
    return s.append("audit-signing=").append(describeIds(m.auditSigning())).toString();
  }

  private static String describeIds(KeysetHandle h) {
    return h.getPrimary().getId() + ":" + idsOf(h).stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Adds a fresh, not yet primary key: nodes open and look up with it once they have loaded it. */
  static KeysetHandle withNewKey(KeysetHandle h, Keyset keyset) throws GeneralSecurityException {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(h);
    builder.addEntry(KeysetHandle.generateEntryFromParameters(keyset.newKeyParameters()).withRandomId());
    return builder.build();
  }

  /** Makes a key of the keyset primary (unchanged if it is already). */
  static KeysetHandle promoted(KeysetHandle h, int keyId) throws GeneralSecurityException {
    if (h.getPrimary().getId() == keyId) {
      return h;
    }
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(h);
    for (int i = 0; i < h.size(); i++) {
      if (h.getAt(i).getId() == keyId) {
        builder.getAt(i).makePrimary();
        return builder.build();
      }
    }
    throw new KeyMaterialException("Key " + Integer.toUnsignedString(keyId) + " is not in the keyset");
  }

  /** Keeps only the primary key (unchanged if it is alone). */
  static KeysetHandle onlyPrimary(KeysetHandle h) throws GeneralSecurityException {
    if (h.size() == 1) {
      return h;
    }
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(h);
    for (int i = builder.size() - 1; i >= 0; i--) {
      if (!builder.getAt(i).isPrimary()) {
        builder.deleteAt(i);
      }
    }
    return builder.build();
  }

  static List<Integer> idsOf(KeysetHandle handle) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < handle.size(); i++) {
      ids.add(handle.getAt(i).getId());
    }
    return ids;
  }

  private record Primitives(
      KeyMaterial material, long version, Aead personal, Aead sensitive, PrfSet blindIndex, PublicKeySign auditSigner,
      PublicKeyVerify auditVerifier) {

    static Primitives of(KeyMaterial m, long version) {
      try {
        var config = RegistryConfiguration.get();
        return new Primitives(
            m,
            version,
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

    int primaryId(Keyset keyset) {
      return keyset.of(material).getPrimary().getId();
    }

    @Override
    public String toString() {
      return "Primitives[version " + version + ", ***]";
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
