package io.steward.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.access.Principal;
import io.steward.shared.Page;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers.TestUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RecordServiceTest extends AppTestBase {

  @Autowired RecordService records;
  @Autowired JdbcClient jdbc;
  @Autowired io.steward.access.Principals principals;

  Principal admin;

  @BeforeEach
  void admin() {
    TestUser u = users.withRole("admin");
    // as if signed in with a second factor just now: revealing a sensitive value needs a fresh one (step-up)
    admin = principals.resolve(u.id(), io.steward.access.RequestInfo.NONE).orElseThrow().withMfaAt(java.time.Instant.now());
  }

  private static Map<String, Object> contact(String first, String last, String email) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", first);
    m.put("lastName", last);
    m.put("email", email);
    return m;
  }

  @Test
  void createdContactReadsBackAndIsEncryptedAtRest() {
    RecordView created = records.create(admin, "contact", contact("Zorblax", "Quintavius", "zorblax@example.test"));

    RecordView read = records.get(admin, "contact", created.id());

    assertThat(read.value("firstName")).isEqualTo("Zorblax");
    String plain = jdbc.sql("select plain from record where id = :id").param("id", created.id().value()).query(String.class).single();
    assertThat(plain).doesNotContain("Zorblax").doesNotContain("zorblax");
  }

  @Test
  void findsContactByEmailAndNamePrefixThroughBlindIndex() {
    RecordView a = records.create(admin, "contact", contact("Wilhelmina", "Farnsworthy", "wil@example.test"));
    records.create(admin, "contact", contact("Bob", "Other", "bob@example.test"));

    Page<RecordView> byEmail = records.list(admin, "contact", new RecordQuery(Map.of("email", "WIL@example.test"), null, null, 0, 10));
    Page<RecordView> byPrefix = records.list(admin, "contact", new RecordQuery(Map.of(), "farns", null, 0, 10));

    assertThat(byEmail.items()).extracting(RecordView::id).containsExactly(a.id());
    assertThat(byPrefix.items()).extracting(RecordView::id).containsExactly(a.id());
  }

  @Test
  void listsAreSortedByEncryptedLastName() {
    records.create(admin, "contact", contact("A", "Zulu", null));
    records.create(admin, "contact", contact("B", "Alpha", null));
    records.create(admin, "contact", contact("C", "Mike", null));

    Page<RecordView> page = records.list(admin, "contact", new RecordQuery(Map.of(), null, "lastName", 0, 200));
    Page<RecordView> desc = records.list(admin, "contact", new RecordQuery(Map.of(), null, "-lastName", 0, 200));

    assertThat(page.items()).extracting(v -> v.value("lastName")).isSortedAccordingTo((x, y) -> x.toString().compareToIgnoreCase(y.toString()));
    assertThat(desc.items().get(0).value("lastName").toString().compareToIgnoreCase(desc.items().get(desc.items().size() - 1).value("lastName").toString()))
        .isGreaterThan(0);
  }

  @Test
  void staleVersionIsAConflictNotAnOverwrite() {
    RecordView c = records.create(admin, "contact", contact("Ada", "Example", null));
    records.update(admin, "contact", c.id(), Map.of("jobTitle", "Engineer"), 1L);

    assertThatThrownBy(() -> records.update(admin, "contact", c.id(), Map.of("jobTitle", "Other"), 1L))
        .isInstanceOf(RecordConflictException.class);
  }

  @Test
  void sensitiveFieldsAreMaskedUntilRevealedWithAReason() {
    Map<String, Object> m = contact("Ada", "Example", null);
    m.put("birthDate", "1990-01-02");
    RecordView c = records.create(admin, "contact", m);

    assertThat(records.get(admin, "contact", c.id()).values().get("birthDate")).isInstanceOf(FieldValue.Masked.class);
    assertThat(records.reveal(admin, "contact", c.id(), "birthDate", "checking a birthday card").value("birthDate")).isEqualTo("1990-01-02");
  }

  @Test
  void deletedRecordIsGone() {
    RecordView c = records.create(admin, "contact", contact("Ada", "Example", null));
    records.delete(admin, "contact", c.id());

    assertThatThrownBy(() -> records.get(admin, "contact", c.id())).isInstanceOf(RecordNotFoundException.class);
    assertThat(jdbc.sql("select count(*) from data_key where record_id = :id").param("id", c.id().value()).query(Long.class).single()).isZero();
  }

  @Test
  void relationMustPointAtAVisibleRecord() {
    Map<String, Object> m = contact("Ada", "Example", null);
    m.put("company", java.util.UUID.randomUUID().toString());
    assertThatThrownBy(() -> records.create(admin, "contact", m)).isInstanceOf(InvalidRecordException.class);
  }

  @Autowired io.steward.records.store.RecordStore store;
  @Autowired io.steward.records.store.RecordCodec codec;
  @Autowired io.steward.schema.SchemaRegistry schema;

  @Test
  void sortIndexBuiltFromTheDatabaseHoldsEveryRecord() {
    for (int i = 0; i < 40; i++) {
      records.create(admin, "contact", contact("Bulk" + i, "Loaded" + i, null));
    }
    long stored = store.count("contact");

    var fresh = new io.steward.records.index.SortIndex(store, codec, schema);
    var slice = fresh.page(schema.require("contact"), "lastName", false, row -> true, 0, 10);

    assertThat(slice.total()).isEqualTo(stored);
  }

  @Autowired org.springframework.transaction.support.TransactionTemplate tx;
  @Autowired io.steward.crypto.KeyRing keyRing;
  @Autowired io.steward.crypto.store.DataKeyStore dataKeys;

  @Test
  void anotherNodeForgetsTheWrappedKeysOfARecordErasedElsewhere() {
    RecordView c = records.create(admin, "contact", contact("Erased", "Elsewhere", null));
    // Node B: its own memory of wrapped keys and its own sort index, following the change feed.
    var cipherB = new io.steward.crypto.RecordCipher(keyRing, dataKeys, new io.steward.crypto.WrappedKeyCache(100, java.time.Duration.ofMinutes(10)));
    var codecB = new io.steward.records.store.RecordCodec(cipherB);
    var followerB = new io.steward.records.index.SortIndex(store, codecB, schema);
    followerB.page(schema.require("contact"), "lastName", false, null, 0, 1);
    var copy = store.find("contact", c.id().value()).orElseThrow(); // a copy of the row, as a backup would hold it
    codecB.decode(schema.require("contact"), copy);

    records.delete(admin, "contact", c.id());
    followerB.follow();

    assertThatThrownBy(() -> codecB.decode(schema.require("contact"), copy)).isInstanceOf(io.steward.crypto.SealBrokenException.class);
  }

  @Test
  void sortIndexFollowingTheFeedPicksUpAWriteThatCommitsAfterALaterOne() throws Exception {
    var follower = new io.steward.records.index.SortIndex(store, codec, schema); // as another node's index
    follower.page(schema.require("contact"), "lastName", false, null, 0, 1);
    var written = new java.util.concurrent.CountDownLatch(1);
    var commit = new java.util.concurrent.CountDownLatch(1);
    var late = new java.util.concurrent.atomic.AtomicReference<RecordView>();
    Thread slow = new Thread(() -> tx.executeWithoutResult(s -> {
      late.set(records.create(admin, "contact", contact("Late", "Committer", null)));
      written.countDown();
      try {
        commit.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    slow.start();
    written.await();
    RecordView early = records.create(admin, "contact", contact("Early", "Committer", null));

    follower.follow(); // sees the later change number first

    assertThat(follower.row("contact", early.id().value())).isPresent();
    assertThat(follower.row("contact", late.get().id().value())).isEmpty();
    commit.countDown();
    slow.join();
    follower.follow();
    assertThat(follower.row("contact", late.get().id().value())).as("the earlier number, committed later").isPresent();
  }

  static class OnPostgresTest extends RecordServiceTest {
    @DynamicPropertySource
    static void pg(DynamicPropertyRegistry registry) {
      usePostgres(registry);
    }
  }
}
