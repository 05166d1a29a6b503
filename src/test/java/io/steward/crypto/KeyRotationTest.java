package io.steward.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.crypto.local.PassphraseKeyFile;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.KeyVersionStore;
import io.steward.crypto.store.RotationJobStore;
import io.steward.shared.RecordId;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Key-encryption key rotation on its own: crash and resume, interrupted starts, and keys that do not open. */
class KeyRotationTest {

  private static final char[] PASSPHRASE = "rotation-test-passphrase".toCharArray();

  @TempDir Path dir;

  /** Nodes here do not poll: one that is not closed counts as gone once this short timeout has passed, like a crashed one. */
  static final Duration NODE_TIMEOUT = Duration.ofMillis(500);

  private record Fixture(DataSource ds, DataKeyStore dataKeys, RotationJobStore jobs, KeyVersionStore versions, Path keyFile) {
    /** A node starting: key material from the key file, checked against the version the database records. */
    KeyRing ring() {
      return new KeyRing(provider(), versions, NODE_TIMEOUT);
    }

    PassphraseKeyFile provider() {
      return new PassphraseKeyFile(keyFile, PASSPHRASE);
    }

    KeyRotation rotation(KeyRing ring) {
      return new KeyRotation(ring, dataKeys, jobs, 10);
    }
  }

  private Fixture fixture(Kind kind) {
    DataSource ds = TestDatabases.migrated(kind);
    return new Fixture(ds, new DataKeyStore(JdbcClient.create(ds), new JdbcTemplate(ds)), new RotationJobStore(JdbcClient.create(ds)),
        KeyVersionStore.on(ds), dir.resolve("keys/steward-keys.json"));
  }

  private static Map<RecordId, Map<Tier, byte[]>> sealMany(RecordCipher cipher, int n) {
    Map<RecordId, Map<Tier, byte[]>> sealed = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      RecordId id = RecordId.random();
      Map<Tier, byte[]> tiers = new EnumMap<>(Tier.class);
      tiers.put(Tier.PERSONAL, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
      tiers.put(Tier.SENSITIVE, ("{\"s\":" + i + "}").getBytes(StandardCharsets.UTF_8));
      sealed.put(id, cipher.seal("contact", id, tiers));
    }
    return sealed;
  }

  private static void assertAllOpen(RecordCipher cipher, Map<RecordId, Map<Tier, byte[]>> sealed) {
    Map<RecordId, Map<Tier, byte[]>> opened = cipher.openAll("contact", sealed);
    assertThat(opened).hasSameSizeAs(sealed);
    opened.values().forEach(tiers -> assertThat(tiers).containsOnlyKeys(Tier.PERSONAL, Tier.SENSITIVE));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void crashInTheMiddleResumesAtNextStartAndRetiresTheOldKey(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    KeyRing before = f.ring();
    int oldKey = before.primaryKekId(Tier.PERSONAL);
    Map<RecordId, Map<Tier, byte[]>> sealed = sealMany(new RecordCipher(before, f.dataKeys()), 35);
    KeyRotation dying = f.rotation(before);
    dying.crashAfterBatches(1);

    long job = dying.rotateKek(Tier.PERSONAL);
    dying.awaitIdle();

    assertThat(dying.find(job)).get().satisfies(p -> {
      assertThat(p.state()).isEqualTo("stopped");
      assertThat(p.processed()).isEqualTo(10);
      assertThat(p.total()).isEqualTo(35);
    });
    // A new process: keys read back from the file (the new primary was saved before the crash), same database.
    KeyRing after = f.ring();
    assertThat(after.kekIds(Tier.PERSONAL)).hasSize(2).contains(oldKey);
    KeyRotation restarted = f.rotation(after);

    restarted.resumeUnfinished();
    restarted.awaitIdle();

    assertThat(restarted.find(job)).get().extracting(KeyRotation.Progress::state).isEqualTo("done");
    assertThat(f.dataKeys().countNotWrappedBy("PERSONAL", after.primaryKekId(Tier.PERSONAL))).isZero();
    KeyRing reloaded = f.ring();
    assertThat(reloaded.kekIds(Tier.PERSONAL)).containsExactly(after.primaryKekId(Tier.PERSONAL)).doesNotContain(oldKey);
    assertAllOpen(new RecordCipher(reloaded, f.dataKeys()), sealed);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void keyChangeInterruptedAfterTheKeyFileWasWrittenIsAdoptedAndFinishedAtStart(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    KeyRing ring = f.ring();
    Map<RecordId, Map<Tier, byte[]>> sealed = sealMany(new RecordCipher(ring, f.dataKeys()), 12);
    int oldKey = ring.primaryKekId(Tier.SENSITIVE);
    // A rotation recorded its new key and its job, then died while making the key primary: the key file says the new
    // key is primary, the database still records the version before.
    long job = ring.change(Keyset.SENSITIVE_KEK, h -> KeyRing.withNewKey(h, Keyset.SENSITIVE_KEK), (before, after) ->
        f.jobs().start("kek-sensitive", KeyRing.idsOf(after).get(1), 12, ring.nodeId()));
    int newKey = f.jobs().find(job).orElseThrow().targetKeyId();
    long recorded = f.versions().state().version();
    KeyMaterial m = f.provider().load();
    f.provider().store(Keyset.SENSITIVE_KEK.with(m, KeyRing.promoted(m.sensitiveKek(), newKey)));
    Thread.sleep(NODE_TIMEOUT.toMillis() + 100); // the dead node ages out

    KeyRing after = f.ring();
    KeyRotation restarted = f.rotation(after);
    restarted.resumeUnfinished();
    restarted.awaitIdle();

    assertThat(after.primaryKekId(Tier.SENSITIVE)).isEqualTo(newKey);
    assertThat(f.versions().state().version()).isGreaterThan(recorded);
    assertThat(restarted.recent()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo("kek-sensitive");
      assertThat(p.state()).isEqualTo("done");
      assertThat(p.processed()).isEqualTo(12);
    });
    assertThat(f.ring().kekIds(Tier.SENSITIVE)).containsExactly(newKey).doesNotContain(oldKey);
    assertAllOpen(new RecordCipher(f.ring(), f.dataKeys()), sealed);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aKeyFileWithoutTheKeysTheDatabaseUsesIsRefusedAndNothingChanges(Kind kind) {
    Fixture f = fixture(kind);
    sealMany(new RecordCipher(f.ring(), f.dataKeys()), 3);
    KeyVersionStore.KeyState before = f.versions().state();
    Path otherFile = dir.resolve("elsewhere/steward-keys.json");

    assertThatThrownBy(() -> new KeyRing(new PassphraseKeyFile(otherFile, PASSPHRASE), f.versions(), NODE_TIMEOUT))
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("does not hold keys that data keys in the database are wrapped with")
        .hasMessageContaining("changed nothing");
    assertThat(f.versions().state()).isEqualTo(before);
    assertThat(f.versions().nodes()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aNodeThatHasNotSeenTheNewKeyYetLoadsItWhenADataKeyNamesIt(Kind kind) {
    Fixture f = fixture(kind);
    KeyRing a = f.ring();
    KeyRing b = f.ring();
    long versionOfB = b.version();
    // Node A adds a key and makes it primary at once (no waiting: nobody polls here); B has not looked since.
    int newKey = a.change(Keyset.PERSONAL_KEK, h -> KeyRing.withNewKey(h, Keyset.PERSONAL_KEK), (before, after) -> KeyRing.idsOf(after).get(1));
    a.change(Keyset.PERSONAL_KEK, h -> KeyRing.promoted(h, newKey), (before, after) -> null);
    Map<RecordId, Map<Tier, byte[]>> sealedOnA = sealMany(new RecordCipher(a, f.dataKeys()), 2);
    assertThat(b.holdsKek(Tier.PERSONAL, newKey)).isFalse();

    assertAllOpen(new RecordCipher(b, f.dataKeys()), sealedOnA);

    assertThat(b.version()).isGreaterThan(versionOfB).isEqualTo(a.version());
    assertThat(b.primaryKekId(Tier.PERSONAL)).isEqualTo(newKey);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aLateWriteWithARetiredKeyIsRefusedByTheDatabaseInsteadOfOrphaned(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    // B stalled: it counts as gone for A, while its own view of its keys is still fresh (it checks every 30 s).
    KeyRing b = new KeyRing(f.provider(), f.versions(), Duration.ofMinutes(1));
    int oldKey = b.primaryKekId(Tier.PERSONAL);
    Thread.sleep(NODE_TIMEOUT.toMillis() + 100);
    KeyRing a = f.ring();
    KeyRotation rotation = f.rotation(a);
    long job = rotation.rotateKek(Tier.PERSONAL);
    rotation.awaitIdle();
    assertThat(rotation.find(job)).get().extracting(KeyRotation.Progress::state).isEqualTo("done");
    assertThat(b.primaryKekId(Tier.PERSONAL)).isEqualTo(oldKey);

    assertThatThrownBy(() -> sealMany(new RecordCipher(b, f.dataKeys()), 1)).isInstanceOf(DataIntegrityViolationException.class);

    assertThat(f.dataKeys().countNotWrappedBy("PERSONAL", a.primaryKekId(Tier.PERSONAL))).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDataKeyThatDoesNotOpenKeepsTheOldKeyInsteadOfLosingTheRecord(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    KeyRing ring = f.ring();
    Map<RecordId, Map<Tier, byte[]>> sealed = sealMany(new RecordCipher(ring, f.dataKeys()), 5);
    RecordId[] ids = sealed.keySet().toArray(RecordId[]::new);
    JdbcClient sql = JdbcClient.create(f.ds());
    sql.sql("update data_key set wrapped = (select wrapped from data_key where record_id = :a and tier = 'PERSONAL') "
            + "where record_id = :b and tier = 'PERSONAL'")
        .param("a", ids[0].value()).param("b", ids[1].value()).update();
    KeyRotation rotation = f.rotation(ring);

    long job = rotation.rotateKek(Tier.PERSONAL);
    rotation.awaitIdle();

    assertThat(rotation.find(job)).get().extracting(KeyRotation.Progress::state).isEqualTo("incomplete");
    assertThat(ring.kekIds(Tier.PERSONAL)).hasSize(2);
    sealed.remove(ids[1]);
    assertAllOpen(new RecordCipher(f.ring(), f.dataKeys()), sealed);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void keyFileNeverHoldsKeyMaterialInTheClear(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    KeyRotation rotation = f.rotation(f.ring());
    rotation.rotateKek(Tier.PERSONAL);
    rotation.awaitIdle();

    String text = Files.readString(f.keyFile());

    assertThat(text).contains("argon2id").doesNotContain("AES256_GCM").doesNotContain("type.googleapis.com");
  }
}
