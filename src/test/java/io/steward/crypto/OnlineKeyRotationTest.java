package io.steward.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.RotationJobStore;
import io.steward.records.RecordQuery;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.shared.Page;
import io.steward.shared.RecordId;
import io.steward.testsupport.AppTestBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rotating every key of a running Steward while writers create and change records: afterwards every record opens
 * with the values last written, counts match, every search still finds its record and the old keys are gone.
 */
class OnlineKeyRotationTest extends AppTestBase {

  @Autowired RecordService records;
  @Autowired KeyRing keys;
  @Autowired DataKeyStore dataKeys;
  @Autowired RotationJobStore jobStore;
  @Autowired KeyRotation appRotation;
  @Autowired IndexRebuilder rebuilder;
  @Autowired BlindIndex blindIndex;
  @Autowired JdbcClient jdbc;
  @Autowired Principals principals;

  /**
   * Its own application context, hence its own fresh database: records other tests tampered with would (rightly)
   * leave a rotation "incomplete". (A property of its own is enough to make the context distinct; setting the
   * datasource here would override the PostgreSQL subclass's.)
   */
  @DynamicPropertySource
  static void ownContext(DynamicPropertyRegistry registry) {
    registry.add("steward.test.context", () -> "online-key-rotation");
  }

  private static Map<String, Object> contact(String tag, int n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", "Rota" + tag);
    m.put("lastName", "Writer" + n);
    m.put("email", "rot-" + tag + "-" + n + "@example.test");
    m.put("birthDate", "1980-01-" + (10 + n % 18));
    return m;
  }

  @Test
  void rotationWhileWritersRunLosesNothingAndRetiresTheOldKeys() throws Exception {
    Principal admin = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    String tag = Long.toString(System.nanoTime(), 36);
    Map<RecordId, String> lastEmail = new ConcurrentHashMap<>();
    for (int i = 0; i < 120; i++) {
      RecordView v = records.create(admin, "contact", contact(tag, i));
      lastEmail.put(v.id(), "rot-" + tag + "-" + i + "@example.test");
    }
    List<Integer> oldIds = new ArrayList<>();
    oldIds.addAll(keys.kekIds(Tier.PERSONAL));
    oldIds.addAll(keys.kekIds(Tier.SENSITIVE));
    oldIds.addAll(keys.blindIndexKeyIds());
    long recordsBefore = jdbc.sql("select count(*) from record").query(Long.class).single();
    // Small batches, so that writers interleave with many of them; the application's index rebuilder does the rebuild.
    KeyRotation rotation = new KeyRotation(keys, dataKeys, jobStore, 15);
    rotation.register(rebuilder);

    AtomicBoolean stop = new AtomicBoolean();
    List<RecordId> created = Collections.synchronizedList(new ArrayList<>());
    ExecutorService writers = Executors.newFixedThreadPool(3);
    List<Future<Integer>> writes = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int writer = w;
      writes.add(writers.submit(() -> {
        int n = 0;
        List<RecordId> ids = new ArrayList<>(lastEmail.keySet());
        while (!stop.get() || n < 20) {
          int k = 1000 + writer * 100_000 + n;
          if (n % 2 == 0) {
            RecordView v = records.create(admin, "contact", contact(tag, k));
            created.add(v.id());
            lastEmail.put(v.id(), "rot-" + tag + "-" + k + "@example.test");
          } else {
            RecordId id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            String email = "rot-" + tag + "-upd" + k + "@example.test";
            synchronized (id.toString().intern()) {
              records.update(admin, "contact", id, Map.of("email", email, "birthDate", "1990-02-02"), null);
              lastEmail.put(id, email);
            }
          }
          n++;
        }
        return n;
      }));
    }
    List<Long> jobs = List.of(rotation.rotateKek(Tier.PERSONAL), rotation.rotateKek(Tier.SENSITIVE), rotation.rotateBlindIndex());
    rotation.awaitIdle();
    stop.set(true);
    int written = 0;
    for (Future<Integer> f : writes) {
      written += f.get();
    }
    writers.shutdown();

    assertThat(written).isGreaterThanOrEqualTo(60);
    for (long job : jobs) {
      assertThat(rotation.find(job)).get().extracting(KeyRotation.Progress::state).isEqualTo("done");
    }
    assertThat(keys.kekIds(Tier.PERSONAL)).hasSize(1).doesNotContainAnyElementsOf(oldIds);
    assertThat(keys.kekIds(Tier.SENSITIVE)).hasSize(1).doesNotContainAnyElementsOf(oldIds);
    assertThat(keys.blindIndexKeyIds()).hasSize(1).doesNotContainAnyElementsOf(oldIds);
    long recordsAfter = jdbc.sql("select count(*) from record").query(Long.class).single();
    assertThat(recordsAfter).isEqualTo(recordsBefore + created.size());
    assertThat(dataKeys.countNotWrappedBy("PERSONAL", keys.primaryKekId(Tier.PERSONAL))).isZero();
    assertThat(dataKeys.countNotWrappedBy("SENSITIVE", keys.primaryKekId(Tier.SENSITIVE))).isZero();
    assertThat(jdbc.sql("select count(*) from record_index where token not like '=%' and token not like :p")
        .param("p", blindIndex.currentTokenPrefix() + "%").query(Long.class).single()).isZero();
    // Every record of the database opens (also those other tests left), and each of ours shows its last email and
    // is found by it through the rebuilt blind index.
    for (String type : List.of("contact", "company", "deal", "activity")) {
      long opened = 0;
      Page<RecordView> page;
      for (int p = 0; !(page = records.list(admin, type, new RecordQuery(Map.of(), null, null, p, RecordQuery.MAX_SIZE))).items().isEmpty(); p++) {
        opened += page.items().size();
      }
      assertThat(opened).isEqualTo(jdbc.sql("select count(*) from record where object_type = :t").param("t", type).query(Long.class).single());
    }
    for (Map.Entry<RecordId, String> e : lastEmail.entrySet()) {
      RecordView v = records.get(admin, "contact", e.getKey());
      assertThat(v.value("email")).isEqualTo(e.getValue());
      Page<RecordView> found = records.list(admin, "contact", new RecordQuery(Map.of("email", e.getValue()), null, null, 0, 10));
      assertThat(found.items()).extracting(RecordView::id).contains(e.getKey());
    }
  }

  static class OnPostgresTest extends OnlineKeyRotationTest {
    @DynamicPropertySource
    static void pg(DynamicPropertyRegistry registry) {
      usePostgres(registry);
    }
  }
}
