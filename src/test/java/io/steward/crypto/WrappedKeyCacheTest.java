package io.steward.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.KeyVersionStore;
import io.steward.crypto.store.RotationJobStore;
import io.steward.shared.RecordId;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The per-node memory of wrapped data keys: fewer key-store reads, never a key the key store does not hold. */
class WrappedKeyCacheTest {

  /** The key store, counting how many records' keys were read from the database. */
  static class CountingStore extends DataKeyStore {
    final AtomicInteger recordsRead = new AtomicInteger();

    CountingStore(DataSource ds) {
      super(JdbcClient.create(ds), new JdbcTemplate(ds));
    }

    @Override
    public Map<UUID, Map<String, WrappedKey>> find(Collection<RecordId> ids) {
      recordsRead.addAndGet(ids.size());
      return super.find(ids);
    }
  }

  private static WrappedKeyCache cache() {
    return new WrappedKeyCache(1000, Duration.ofMinutes(10));
  }

  private static Map<Tier, byte[]> personal(String json) {
    return Map.of(Tier.PERSONAL, json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRecordReadAgainNeedsNoKeyStoreRead(Kind kind) {
    DataSource ds = TestDatabases.migrated(kind);
    CountingStore store = new CountingStore(ds);
    RecordCipher cipher = new RecordCipher(KeyRing.inMemory(KeyVersionStore.on(ds)), store, cache());
    RecordId id = RecordId.random();
    Map<Tier, byte[]> sealed = cipher.seal("contact", id, personal("{\"firstName\":\"Ada\"}"));
    store.recordsRead.set(0);

    cipher.open("contact", id, sealed);
    cipher.open("contact", id, sealed);
    cipher.openAll("contact", Map.of(id, sealed));

    assertThat(store.recordsRead).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aKeyWrittenByATransactionThatRolledBackIsNotRemembered(Kind kind) {
    DataSource ds = TestDatabases.migrated(kind);
    RecordCipher cipher = new RecordCipher(KeyRing.inMemory(KeyVersionStore.on(ds)), new CountingStore(ds), cache());
    TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(ds));
    RecordId id = RecordId.random();

    Map<Tier, byte[]> sealed = tx.execute(status -> {
      Map<Tier, byte[]> s = cipher.seal("contact", id, personal("{\"firstName\":\"Grace\"}"));
      assertThat(cipher.open("contact", id, s)).containsKey(Tier.PERSONAL); // read inside the transaction
      status.setRollbackOnly();
      return s;
    });

    assertThatThrownBy(() -> cipher.open("contact", id, sealed)).isInstanceOf(SealBrokenException.class).hasMessageContaining("no data key");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anErasedRecordDoesNotOpenFromRememberedKeys(Kind kind) {
    DataSource ds = TestDatabases.migrated(kind);
    RecordCipher cipher = new RecordCipher(KeyRing.inMemory(KeyVersionStore.on(ds)), new CountingStore(ds), cache());
    RecordId id = RecordId.random();
    Map<Tier, byte[]> sealed = cipher.seal("contact", id, personal("{\"firstName\":\"Alan\"}"));
    cipher.open("contact", id, sealed);

    cipher.shred(id);

    assertThatThrownBy(() -> cipher.open("contact", id, sealed)).isInstanceOf(SealBrokenException.class);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTierAnotherNodeAddedOpensDespiteTheRememberedKeys(Kind kind) {
    DataSource ds = TestDatabases.migrated(kind);
    KeyRing ring = KeyRing.inMemory(KeyVersionStore.on(ds));
    RecordCipher nodeA = new RecordCipher(ring, new CountingStore(ds), cache());
    RecordCipher nodeB = new RecordCipher(ring, new CountingStore(ds), cache());
    RecordId id = RecordId.random();
    Map<Tier, byte[]> first = nodeA.seal("contact", id, personal("{\"firstName\":\"Edsger\"}"));
    nodeA.open("contact", id, first);

    Map<Tier, byte[]> both = nodeB.seal("contact", id, Map.of(Tier.PERSONAL, "{\"firstName\":\"Edsger\"}".getBytes(StandardCharsets.UTF_8),
        Tier.SENSITIVE, "{\"children\":2}".getBytes(StandardCharsets.UTF_8)));

    assertThat(nodeA.open("contact", id, both)).containsOnlyKeys(Tier.PERSONAL, Tier.SENSITIVE);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void rememberedKeysStillOpenAfterARotationRetiredTheirOldKey(Kind kind) throws Exception {
    DataSource ds = TestDatabases.migrated(kind);
    KeyRing ring = KeyRing.inMemory(KeyVersionStore.on(ds));
    DataKeyStore store = new CountingStore(ds);
    RecordCipher cipher = new RecordCipher(ring, store, cache());
    RecordId id = RecordId.random();
    Map<Tier, byte[]> sealed = cipher.seal("contact", id, personal("{\"firstName\":\"Barbara\"}"));
    int oldKek = store.find(java.util.List.of(id)).get(id.value()).get("PERSONAL").kekId();
    cipher.open("contact", id, sealed);

    KeyRotation rotation = new KeyRotation(ring, store, new RotationJobStore(JdbcClient.create(ds)), 100);
    try {
      long job = rotation.rotateKek(Tier.PERSONAL);
      rotation.awaitIdle();
      assertThat(rotation.find(job).orElseThrow().state()).isEqualTo("done");
    } finally {
      rotation.close();
    }

    assertThat(ring.holdsKek(Tier.PERSONAL, oldKek)).isFalse();
    assertThat(new String(cipher.open("contact", id, sealed).get(Tier.PERSONAL), StandardCharsets.UTF_8)).contains("Barbara");
  }

  @Test
  void keysReadTogetherAreReadAgainSpreadOverTheSecondHalfOfTheTtl() {
    AtomicLong nanos = new AtomicLong();
    WrappedKeyCache cache = new WrappedKeyCache(1000, Duration.ofMinutes(10), nanos::get);
    CountingStore store = new CountingStore(TestDatabases.dataSource(TestDatabases.freshH2Url())) {
      @Override
      public Map<UUID, Map<String, WrappedKey>> find(Collection<RecordId> ids) {
        recordsRead.addAndGet(ids.size());
        Map<UUID, Map<String, WrappedKey>> found = new HashMap<>();
        ids.forEach(id -> found.put(id.value(), Map.of("personal", new WrappedKey(id.value(), "contact", "personal", 1, new byte[] {1}))));
        return found;
      }
    };
    List<RecordId> ids = Stream.generate(RecordId::random).limit(200).toList();
    cache.find(store, ids);

    int[] readAgainAt = new int[3];
    long[] minutes = {4, 8, 11}; // before half the TTL, in the second half, after the TTL
    for (int i = 0; i < minutes.length; i++) {
      nanos.set(Duration.ofMinutes(minutes[i]).toNanos());
      store.recordsRead.set(0);
      ids.forEach(id -> cache.find(store, List.of(id)));
      readAgainAt[i] = store.recordsRead.get();
    }

    assertThat(readAgainAt[0]).as("none expires before half the TTL").isZero();
    assertThat(readAgainAt[1]).as("some, not all, expire in the second half").isBetween(1, 199);
    assertThat(readAgainAt[2]).as("the rest (not read again at minute 8) expire by the TTL").isEqualTo(200 - readAgainAt[1]);
  }
}
