package io.steward.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.crypto.local.PassphraseKeyFile;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.RotationJobStore;
import io.steward.shared.RecordId;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Key-encryption key rotation on its own: crash and resume, interrupted starts, and keys that do not open. */
class KeyRotationTest {

  private static final char[] PASSPHRASE = "rotation-test-passphrase".toCharArray();

  @TempDir Path dir;

  private record Fixture(DataSource ds, DataKeyStore dataKeys, RotationJobStore jobs, Path keyFile) {
    KeyRing ring() {
      return new KeyRing(new PassphraseKeyFile(keyFile, PASSPHRASE));
    }

    KeyRotation rotation(KeyRing ring) {
      return new KeyRotation(ring, dataKeys, jobs, 10);
    }
  }

  private Fixture fixture(Kind kind) {
    DataSource ds = TestDatabases.migrated(kind);
    return new Fixture(ds, new DataKeyStore(JdbcClient.create(ds), new JdbcTemplate(ds)), new RotationJobStore(JdbcClient.create(ds)),
        dir.resolve("keys/steward-keys.json"));
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
  void crashBetweenSavingTheNewKeyAndRecordingTheJobIsFinishedAtStart(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    KeyRing ring = f.ring();
    Map<RecordId, Map<Tier, byte[]>> sealed = sealMany(new RecordCipher(ring, f.dataKeys()), 12);
    ring.addPrimaryKek(Tier.SENSITIVE);

    KeyRing after = f.ring();
    KeyRotation restarted = f.rotation(after);
    restarted.resumeUnfinished();
    restarted.awaitIdle();

    assertThat(restarted.recent()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo("kek-sensitive");
      assertThat(p.state()).isEqualTo("done");
      assertThat(p.processed()).isEqualTo(12);
    });
    assertThat(f.ring().kekIds(Tier.SENSITIVE)).hasSize(1);
    assertAllOpen(new RecordCipher(f.ring(), f.dataKeys()), sealed);
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
    f.ring().addPrimaryKek(Tier.PERSONAL);

    String text = Files.readString(f.keyFile());

    assertThat(text).contains("argon2id").doesNotContain("AES256_GCM").doesNotContain("type.googleapis.com");
  }
}
