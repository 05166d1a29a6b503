package io.steward.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.cli.Cli;
import io.steward.cli.CliCommand;
import io.steward.cli.CommandCatalog;
import io.steward.records.RecordQuery;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.shared.RecordId;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.SecondNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two Steward nodes on one PostgreSQL database and one key folder. Node A (this test's application) rotates while
 * node B creates, reads and searches records without pause: B adopts every change within seconds, nothing fails on
 * either node, every record opens on both afterwards, and an old key is retired only once B has stopped writing with it.
 * The {@code keys rotate} command, run as a third process beside both, does the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeKeyRotationTest extends AppTestBase {

  @DynamicPropertySource
  static void pg(DynamicPropertyRegistry registry) {
    usePostgres(registry);
  }

  @Autowired Environment env;
  @Autowired DataSource dataSource;
  @Autowired RecordService records;
  @Autowired KeyRing keys;
  @Autowired KeyRotation rotation;
  @Autowired BlindIndex blindIndex;
  @Autowired JdbcClient jdbc;
  @Autowired RecordCipher cipher;

  private final Principal system = Principal.system();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private ConfigurableApplicationContext nodeB;
  private RecordService recordsB;
  private KeyRing keysB;

  @BeforeAll
  void startNodeB() {
    nodeB = SecondNode.context(dataSource, env, WebApplicationType.SERVLET);
    recordsB = nodeB.getBean(RecordService.class);
    keysB = nodeB.getBean(KeyRing.class);
  }

  @AfterAll
  void stopNodeB() {
    background.shutdownNow();
    nodeB.close();
  }

  @AfterEach
  void noRotationLeftRunning() throws Exception {
    rotation.awaitIdle();
  }

  private static Map<String, Object> contact(String tag, String who, int n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", "Nodal");
    m.put("lastName", "Writer " + who);
    m.put("email", email(tag, who, n));
    m.put("birthDate", "1985-03-" + (10 + n % 18));
    return m;
  }

  private static String email(String tag, String who, int n) {
    return "mn-" + tag + "-" + who + "-" + n + "@example.test";
  }

  /** Work on a node, over and over until told to stop; every exception is kept as a failure. */
  private Future<Integer> loop(AtomicBoolean stop, List<String> failures, String what, Runnable step) {
    return background.submit(() -> {
      int n = 0;
      while (!stop.get()) {
        try {
          step.run();
          n++;
        } catch (RuntimeException | AssertionError e) {
          failures.add(what + ": " + e);
        }
      }
      return n;
    });
  }

  @Test
  void kekRotationOnARetiresTheOldKeyOnlyAfterBStoppedWritingWithItAndLosesNothing() throws Exception {
    String tag = Long.toString(System.nanoTime(), 36);
    Map<RecordId, String> emails = new ConcurrentHashMap<>();
    for (int i = 0; i < 30; i++) {
      emails.put(records.create(system, "contact", contact(tag, "a", i)).id(), email(tag, "a", i));
    }
    int oldKey = keys.primaryKekId(Tier.PERSONAL);
    assertThat(keysB.primaryKekId(Tier.PERSONAL)).isEqualTo(oldKey);

    // B holds a transaction open that sealed data with the old key (as a record write does): the rotation must wait for it.
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    RecordId held = RecordId.random();
    byte[] heldValue = "{\"held\":\"by B\"}".getBytes(StandardCharsets.UTF_8);
    AtomicReference<Map<Tier, byte[]>> heldSealed = new AtomicReference<>();
    Future<?> longTransaction = background.submit(() -> nodeB.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
      heldSealed.set(nodeB.getBean(RecordCipher.class).seal("contact", held, Map.of(Tier.PERSONAL, heldValue)));
      holding.countDown();
      try {
        letGo.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

    AtomicBoolean stop = new AtomicBoolean();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<Future<Integer>> work = new ArrayList<>();
    AtomicInteger counter = new AtomicInteger(100);
    for (String who : List.of("b1", "b2")) {
      work.add(loop(stop, failures, "create and read on B", () -> {
        int n = counter.incrementAndGet();
        RecordId id = recordsB.create(system, "contact", contact(tag, who, n)).id();
        emails.put(id, email(tag, who, n));
        List<RecordId> ids = new ArrayList<>(emails.keySet());
        RecordId any = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        assertThat(recordsB.get(system, "contact", any).value("email")).isEqualTo(emails.get(any));
      }));
    }
    work.add(loop(stop, failures, "create on A", () -> {
      int n = counter.incrementAndGet();
      emails.put(records.create(system, "contact", contact(tag, "a", n)).id(), email(tag, "a", n));
      sleep(20);
    }));
    // Whenever A has retired the old key, B must already have adopted the version that made the new key primary.
    List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
    work.add(loop(stop, failures, "sample", () -> {
      samples.add(new long[] {keys.kekIds(Tier.PERSONAL).contains(oldKey) ? 1 : 0, keysB.adoptedVersion(), keys.version()});
      sleep(5);
    }));

    long job = rotation.rotateKek(Tier.PERSONAL);

    assertThat(within(Duration.ofSeconds(30), () -> "adopt".equals(rotation.find(job).orElseThrow().phase()))).isTrue();
    int newKey = keys.primaryKekId(Tier.PERSONAL);
    long promoted = keys.version();
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(within(Duration.ofSeconds(5), () -> keysB.primaryKekId(Tier.PERSONAL) == newKey)).as("B writes with the new key").isTrue();
    // While B's transaction with the old key stays open, B does not report the version adopted and A retires nothing.
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < until) {
      assertThat(keys.kekIds(Tier.PERSONAL)).contains(oldKey);
      assertThat(rotation.find(job).orElseThrow().phase()).isEqualTo("adopt");
      assertThat(nodeVersion(keysB.nodeId())).isLessThan(promoted);
      sleep(100);
    }
    letGo.countDown();
    longTransaction.get(30, TimeUnit.SECONDS);

    finish(job, stop, work, failures);
    assertThat(keys.kekIds(Tier.PERSONAL)).containsExactly(newKey);
    assertThat(samples).filteredOn(s -> s[0] == 0).isNotEmpty().allSatisfy(s -> assertThat(s[1]).isGreaterThanOrEqualTo(promoted));
    assertThat(within(Duration.ofSeconds(5), () -> keysB.kekIds(Tier.PERSONAL).equals(List.of(newKey)))).as("B drops the old key").isTrue();
    assertThat(jdbc.sql("select count(*) from data_key where tier = 'PERSONAL' and kek_id <> :k").param("k", newKey)
        .query(Long.class).single()).isZero();
    for (RecordCipher node : List.of(cipher, nodeB.getBean(RecordCipher.class))) {
      assertThat(node.open("contact", held, heldSealed.get()).get(Tier.PERSONAL)).isEqualTo(heldValue);
    }
    for (RecordCipher node : List.of(cipher, nodeB.getBean(RecordCipher.class))) {
      assertEveryRecordOpens(node);
    }
    for (RecordService node : List.of(records, recordsB)) {
      emails.forEach((id, email) -> assertThat(node.get(system, "contact", id).value("email")).isEqualTo(email));
    }
  }

  @Test
  void blindIndexRotationOnAKeepsSearchesOnBFindingEveryRecord() throws Exception {
    String tag = Long.toString(System.nanoTime(), 36);
    Map<String, RecordId> byEmail = new ConcurrentHashMap<>();
    for (int i = 0; i < 30; i++) {
      byEmail.put(email(tag, "a", i), records.create(system, "contact", contact(tag, "a", i)).id());
    }
    for (int i = 0; i < 10; i++) {
      byEmail.put(email(tag, "b", i), recordsB.create(system, "contact", contact(tag, "b", i)).id());
    }
    int oldKey = keys.primaryBlindIndexKeyId();
    AtomicBoolean stop = new AtomicBoolean();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<Future<Integer>> work = new ArrayList<>();
    for (RecordService node : List.of(recordsB, recordsB, records)) {
      work.add(loop(stop, failures, node == records ? "search on A" : "search on B", () -> {
        List<String> known = new ArrayList<>(byEmail.keySet());
        String email = known.get(ThreadLocalRandom.current().nextInt(known.size()));
        assertThat(node.list(system, "contact", new RecordQuery(Map.of("email", email), null, null, 0, 10)).items())
            .as(email).extracting(RecordView::id).contains(byEmail.get(email));
      }));
    }
    AtomicInteger counter = new AtomicInteger(100);
    work.add(loop(stop, failures, "create on B", () -> {
      int n = counter.incrementAndGet();
      byEmail.put(email(tag, "b", n), recordsB.create(system, "contact", contact(tag, "b", n)).id());
      sleep(50);
    }));

    long job = rotation.rotateBlindIndex();

    finish(job, stop, work, failures);
    int newKey = keys.primaryBlindIndexKeyId();
    assertThat(keys.blindIndexKeyIds()).containsExactly(newKey).doesNotContain(oldKey);
    assertThat(within(Duration.ofSeconds(5), () -> keysB.blindIndexKeyIds().equals(List.of(newKey)))).as("B drops the old key").isTrue();
    assertThat(jdbc.sql("select count(*) from record_index where token not like '=%' and token not like :p")
        .param("p", blindIndex.currentTokenPrefix() + "%").query(Long.class).single()).isZero();
    byEmail.forEach((email, id) -> {
      for (RecordService node : List.of(records, recordsB)) {
        assertThat(node.list(system, "contact", new RecordQuery(Map.of("email", email), null, null, 0, 10)).items())
            .extracting(RecordView::id).contains(id);
      }
    });
  }

  @Test
  void keysRotateCommandRunsBesideBothServingNodes() throws Exception {
    RecordId before = records.create(system, "contact", contact("cli", "a", 1)).id();
    int oldKey = keys.primaryKekId(Tier.SENSITIVE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try (ConfigurableApplicationContext command = SecondNode.context(dataSource, env, WebApplicationType.NONE,
        "--" + Cli.COMMAND_PROPERTY + "=keys rotate", "--" + Cli.SCHEDULING_PROPERTY + "=false")) {
      code = Cli.execute(command, CommandCatalog.scan("io.steward").match(List.of("keys", "rotate", "--tier", "sensitive")).orElseThrow(),
          new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    assertThat(code).isEqualTo(CliCommand.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("kek-sensitive: ").contains("old key retired");
    for (KeyRing node : List.of(keys, keysB)) {
      assertThat(within(Duration.ofSeconds(5), () -> node.kekIds(Tier.SENSITIVE).size() == 1 && node.primaryKekId(Tier.SENSITIVE) != oldKey))
          .as("adopted by every node").isTrue();
    }
    assertThat(jdbc.sql("select count(*) from key_node").query(Long.class).single()).as("the command left").isEqualTo(2);
    for (RecordService node : List.of(records, recordsB)) {
      assertThat(node.get(system, "contact", before).value("email")).isEqualTo(email("cli", "a", 1));
    }
  }

  /** Waits for the job to be done, lets the work go on a moment longer, stops it: it must have run without a failure. */
  private void finish(long job, AtomicBoolean stop, List<Future<Integer>> work, List<String> failures) throws Exception {
    assertThat(within(Duration.ofSeconds(60), () -> rotation.find(job).orElseThrow().state().equals("done"))).isTrue();
    sleep(1000);
    stop.set(true);
    int steps = 0;
    for (Future<Integer> f : work) {
      steps += f.get(30, TimeUnit.SECONDS);
    }
    assertThat(failures).isEmpty();
    assertThat(steps).isGreaterThan(50);
  }

  private long nodeVersion(String nodeId) {
    return jdbc.sql("select key_version from key_node where node_id = :id").param("id", nodeId).query(Long.class).single();
  }

  /** Opens every record in the database (their stored ciphertexts, all tiers) with a node's keys. */
  private void assertEveryRecordOpens(RecordCipher node) {
    Map<String, Map<RecordId, Map<Tier, byte[]>>> byType = new HashMap<>();
    jdbc.sql("select id, object_type, personal, sensitive from record").query(rs -> {
      Map<Tier, byte[]> tiers = new EnumMap<>(Tier.class);
      if (rs.getBytes(3) != null) {
        tiers.put(Tier.PERSONAL, rs.getBytes(3));
      }
      if (rs.getBytes(4) != null) {
        tiers.put(Tier.SENSITIVE, rs.getBytes(4));
      }
      byType.computeIfAbsent(rs.getString(2), t -> new HashMap<>()).put(new RecordId(rs.getObject(1, UUID.class)), tiers);
    });
    assertThat(byType.values().stream().mapToInt(Map::size).sum()).isGreaterThan(100);
    byType.forEach((type, sealed) -> assertThat(node.openAll(type, sealed)).hasSameSizeAs(sealed));
  }

  private static boolean within(Duration limit, BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      sleep(50);
    }
    return true;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
