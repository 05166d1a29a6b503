package io.steward.bench;

import io.steward.audit.Audit;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditProperties;
import io.steward.audit.VerificationReport;
import io.steward.crypto.KeyRing;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Audit trail speed on the embedded PostgreSQL 17 (see docs/benchmarks.md, "Audit trail"):
 * {@code ./mvnw -Pbench test-compile exec:exec -Dbench.args="AuditBenchmark -f 1 -wi 1 -i 3"}.
 * <ul>
 *   <li>{@code append}: 16 threads each recording one event per call, so ops/s = committed events/s;
 *       group commit gathers concurrent calls into one transaction.</li>
 *   <li>{@code verify}: verification of a trail of {@code events} events; ops/s = events verified/s.</li>
 * </ul>
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
public class AuditBenchmark {

  static final int VERIFY_EVENTS = 1_000_000;

  static AuditEvent event(String actor, long i) {
    return new AuditEvent(Instant.now(), AuditActions.RECORD_READ, actor, "contact", List.of(UUID.randomUUID().toString()),
        List.of("firstName", "lastName", "email"), "support", "success", "10.1.2.3",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "req-" + i,
        Map.of("view", "detail"));
  }

  static Audit audit(DataSource dataSource, Path dir, int writers) {
    return Audit.create(dataSource, KeyRing.inMemory(), AuditProperties.defaults(dir.toString()).withWriters(writers)).start();
  }

  @State(Scope.Benchmark)
  public static class Appending {
    @Param({"1", "2"})
    public int writers;

    Audit audit;
    DataSource dataSource;
    final AtomicLong counter = new AtomicLong();

    long javaCpuAtStart;

    @Setup(Level.Trial)
    public void start() throws Exception {
      dataSource = TestDatabases.migrated(Kind.POSTGRES);
      audit = audit(dataSource, Files.createTempDirectory("audit-bench"), writers);
      javaCpuAtStart = javaCpuNanos();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      long javaCpu = javaCpuNanos() - javaCpuAtStart;
      long pgCpu = postgresBackendCpuNanos(dataSource);
      long events = counter.get();
      double perEvent = (javaCpu + pgCpu) / 1000.0 / events;
      System.out.printf("%nappend CPU per event: %.1f µs (JVM %.1f + PostgreSQL backends %.1f); 2 idle cores would allow ~%.0f events/s%n",
          perEvent, javaCpu / 1000.0 / events, pgCpu / 1000.0 / events, 2_000_000 / perEvent);
      VerificationReport report = audit.verifier().verify();
      System.out.println();
      System.out.println("append: " + audit.commits() + " transactions; " + report.summary());
      var sql = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
      System.out.println("postgres fsync=" + sql.sql("show fsync").query(String.class).single()
          + " synchronous_commit=" + sql.sql("show synchronous_commit").query(String.class).single());
      audit.close();
    }
  }

  static long javaCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** CPU time of this database's backend processes so far, from /proc (Linux): the server side of the cost. */
  static long postgresBackendCpuNanos(DataSource dataSource) throws Exception {
    List<Integer> pids = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
        .sql("select pid from pg_stat_activity where datname = current_database()").query(Integer.class).list();
    long nanos = 0;
    for (int pid : pids) {
      Path stat = Path.of("/proc", Integer.toString(pid), "stat");
      if (Files.exists(stat)) {
        nanos += ProcStat.cpuNanos(Files.readString(stat), 14, 15); // utime + stime
      }
    }
    return nanos;
  }

  @Benchmark
  @Threads(16)
  public void append(Appending state) {
    long i = state.counter.incrementAndGet();
    state.audit.trail().record(event("user-" + (i % 50), i));
  }

  @State(Scope.Benchmark)
  public static class Verifying {
    @Param({"POSTGRES"})
    public Kind kind;

    Audit audit;

    @Setup(Level.Trial)
    public void fill() throws Exception {
      audit = audit(TestDatabases.migrated(kind), Files.createTempDirectory("audit-bench"), 2);
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      int perCall = 1000;
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int call = thread; call < VERIFY_EVENTS / perCall; call += 4) {
            List<AuditEvent> events = new ArrayList<>(perCall);
            for (int i = 0; i < perCall; i++) {
              events.add(event("user-" + (i % 50), (long) call * perCall + i));
            }
            audit.trail().recordAll(events);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      System.out.printf("%nfilled %d events in %.1f s (recordAll of %d, 4 threads)%n", VERIFY_EVENTS, (System.nanoTime() - started) / 1e9, perCall);
    }

    long javaCpuAtStart;
    long verified;

    @Setup(Level.Iteration)
    public void mark() {
      if (javaCpuAtStart == 0) {
        javaCpuAtStart = javaCpuNanos();
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      System.out.printf("%nverify JVM CPU per event: %.2f µs (over %d events verified)%n",
          (javaCpuNanos() - javaCpuAtStart) / 1000.0 / verified, verified);
      audit.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(VERIFY_EVENTS)
  public VerificationReport verify(Verifying state) {
    VerificationReport report = state.audit.verifier().verify();
    state.verified += report.eventsChecked();
    if (!report.ok() || report.eventsChecked() != VERIFY_EVENTS) {
      throw new IllegalStateException(report.summary());
    }
    return report;
  }
}
