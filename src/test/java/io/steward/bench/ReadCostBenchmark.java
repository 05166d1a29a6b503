package io.steward.bench;

import io.steward.StewardApplication;
import io.steward.access.Accounts;
import io.steward.access.Principal;
import io.steward.access.UserKind;
import io.steward.cli.Cli;
import io.steward.cli.CliCommand;
import io.steward.cli.CommandCatalog;
import io.steward.records.RecordJobs;
import io.steward.schema.BuiltInSchema;
import io.steward.schema.FieldDef;
import io.steward.schema.FieldSpec;
import io.steward.schema.SchemaAdmin;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.Classification;
import io.steward.testsupport.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three read-path costs side by side, in one run, on PostgreSQL: {@code GET /api/v1/contacts/{id}} throughput of
 * <ol type="a">
 *   <li>Steward as shipped (dataset 1: the built-in classification, personal fields sealed);</li>
 *   <li>the same with a permit-all access policy (bench-only bean, see {@link ReadCostServer}): policy cost = 1 − a/b;</li>
 *   <li>the same with auditing off (bench-only bean that drops events): audit ratio = a/c;</li>
 *   <li>Steward as shipped on dataset 2, where the contact's personal fields were reclassified {@code internal} with
 *       {@link SchemaAdmin} before loading, so they are stored unencrypted: encryption ratio = a/d. A read that shows
 *       no personal field is not audited, so d also has no read audit; encryption alone = c/d;</li>
 *   <li>the same as d with the shipped setting {@code steward.audit.all-reads=true}, so every read is audited as a's
 *       are: encryption with the audit held equal = a/e.</li>
 * </ol>
 * Both datasets are loaded by the {@code demo-data} command (through {@code RecordService.createAll}), the same N
 * contacts from the same seed. Each variant is a separate server process on a loopback port with production settings
 * (monitoring off, as in {@code bench/run-e2e.sh}); all five stay up, are warmed once each, then driven in turn, round
 * after round, at each number of clients (32: a b c d e, 48: a b c d e, …), with the same load: {@link LoadDriver}'s closed-loop
 * clients, GET by random id only. A variant's throughput is its best over the numbers of clients: a server that makes
 * each request wait for a group commit reaches its best with more requests in flight than one that does not. Run it
 * with {@code bash bench/read-cost.sh}, which builds, provides the PostgreSQL and the class path:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:DEPENDENCIES io.steward.bench.ReadCostBenchmark --work DIR \
 *     [--contacts 100000] [--clients 32,48,64] [--warmup 300] [--settle 5] [--duration 30] [--rounds 2] [--port 18180] \
 *     [--pg-port 55433 --pg-user steward]   (a running PostgreSQL on 127.0.0.1; without it: the embedded one of the tests)
 *     [--server-java-opts "-Xmx2g"]
 * </pre>
 */
public final class ReadCostBenchmark {

  /** The five servers, in the order of every round. */
  enum Variant {
    A("a", "as shipped", "shipped", false),
    B("b", "permit-all access policy", "permit-all", false),
    C("c", "auditing off", "audit-off", false),
    D("d", "personal fields internal", "shipped", true),
    E("e", "internal, every read audited", "shipped", true, "--steward.audit.all-reads=true");

    final String letter;
    final String label;
    final String server;
    final boolean personalInternal;
    /** Settings the server starts with beyond the common ones (all shipped settings, not bench beans). */
    final List<String> settings;

    Variant(String letter, String label, String server, boolean personalInternal, String... settings) {
      this.letter = letter;
      this.label = label;
      this.server = server;
      this.personalInternal = personalInternal;
      this.settings = List.of(settings);
    }

    String title() {
      return letter + " " + label;
    }
  }

  /** One loaded database, its data folder (keys) and an API token of its administrator. */
  record Dataset(String name, String url, Path dir, String token, List<String> contactIds, long sealedContacts) {}

  /** One measured phase of one variant at one number of clients. */
  record Phase(int round, int clients, Variant variant, LoadDriver.Result result, long auditEvents, long auditCommits, Cpu cpu) {}

  /** CPU time spent during a phase: the variant's server process, every PostgreSQL process, this JVM (the load driver). */
  record Cpu(long serverNanos, long databaseNanos, long driverNanos) {
    Cpu minus(Cpu before) {
      return new Cpu(serverNanos - before.serverNanos, databaseNanos - before.databaseNanos, driverNanos - before.driverNanos);
    }

    static Cpu sum(List<Cpu> all) {
      return new Cpu(all.stream().mapToLong(Cpu::serverNanos).sum(), all.stream().mapToLong(Cpu::databaseNanos).sum(),
          all.stream().mapToLong(Cpu::driverNanos).sum());
    }

    /** "server + database + driver" in microseconds per request. */
    String perRequest(long requests) {
      if (requests == 0) {
        return "-";
      }
      return String.format(Locale.ROOT, "%4.0f + %4.0f + %4.0f", serverNanos / 1e3 / requests, databaseNanos / 1e3 / requests,
          driverNanos / 1e3 / requests);
    }
  }

  private static final int WARM_STEP_SECONDS = 10;
  private static final int WARM_MIN_STEPS = 6;
  /** Warm once the JIT compiler threads use at most this share of one CPU (see {@link #warmUp}). */
  private static final int WARM_COMPILER_SHARE_PERCENT = 5;

  private final int contacts;
  /** The numbers of concurrent clients each variant is measured at, in every round; a variant's throughput is its best. */
  private final List<Integer> clientLevels;
  /** The longest unmeasured load on each server once, before the first round: the JIT's warm-up (see {@link #warmUp}). */
  private final Duration warmup;
  /** Unmeasured load before each measured phase, so the switch from another server settles. */
  private final Duration settle;
  private final Duration duration;
  private final int rounds;
  private final int basePort;
  private final Integer pgPort;
  private final String dbUser;
  private final Path work;
  private final List<String> serverJavaOpts;
  private final String passphrase = "bench-only-" + random(24);
  private final Map<Variant, Process> servers = new EnumMap<>(Variant.class);
  /** The variants to run (all five unless {@code --variants} names fewer, for a quicker look at one ratio). */
  private final List<Variant> variants;
  /**
   * CPUs (a {@code taskset} list) the servers are confined to during the rounds, and the CPUs PostgreSQL and this load
   * driver are confined to; both empty unless given, so everything shares every CPU.
   */
  private final String serverCpus;
  private final String databaseCpus;

  private ReadCostBenchmark(Map<String, String> o) {
    contacts = Integer.parseInt(o.getOrDefault("contacts", "100000"));
    clientLevels = java.util.Arrays.stream(o.getOrDefault("clients", "32,48,64").split(",")).map(String::strip).map(Integer::valueOf)
        .sorted().distinct().toList();
    if (clientLevels.isEmpty() || clientLevels.get(0) < 1) {
      throw new IllegalArgumentException("--clients takes positive numbers, e.g. 16,32,64");
    }
    warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "300")));
    settle = Duration.ofSeconds(Long.parseLong(o.getOrDefault("settle", "5")));
    duration = Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "30")));
    rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
    basePort = Integer.parseInt(o.getOrDefault("port", "18180"));
    pgPort = o.containsKey("pg-port") ? Integer.valueOf(o.get("pg-port")) : null;
    dbUser = pgPort == null ? TestDatabases.postgresUser() : o.getOrDefault("pg-user", "steward");
    work = Path.of(o.getOrDefault("work", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
    String opts = o.getOrDefault("server-java-opts", "").strip();
    serverJavaOpts = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    String letters = o.getOrDefault("variants", "abcde");
    variants = java.util.Arrays.stream(Variant.values()).filter(v -> letters.contains(v.letter)).toList();
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("--variants names none of a, b, c, d, e");
    }
    serverCpus = o.getOrDefault("server-cpus", "").strip();
    databaseCpus = o.getOrDefault("db-cpus", "").strip();
    if (serverCpus.isEmpty() != databaseCpus.isEmpty()) {
      throw new IllegalArgumentException("--server-cpus and --db-cpus go together");
    }
  }

  public static void main(String[] args) {
    ReadCostBenchmark bench = new ReadCostBenchmark(LoadDriver.options(args));
    int rc;
    try {
      rc = bench.run();
    } catch (Exception e) {
      System.err.println("Read-cost benchmark failed: " + e);
      rc = 1;
    } finally {
      bench.stopServers();
    }
    System.exit(rc);
  }

  private int run() throws Exception {
    String loadAtStart = loadAverage();
    String started = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
    log("Databases: " + (pgPort == null ? "embedded PostgreSQL (test binaries)" : "PostgreSQL on 127.0.0.1:" + pgPort));
    boolean needsFull = variants.stream().anyMatch(v -> !v.personalInternal);
    Dataset plain = variants.stream().anyMatch(v -> v.personalInternal) ? load("readcost_internal", true) : null;
    Dataset full = needsFull ? load("readcost_sealed", false) : plain;
    String dbVersion = query(full.url(), "select version()");
    String dbSettings = "shared_buffers=" + query(full.url(), "show shared_buffers") + ", fsync=" + query(full.url(), "show fsync")
        + ", synchronous_commit=" + query(full.url(), "show synchronous_commit");

    for (Variant v : variants) {
      startServer(v, dataset(v, plain, full));
    }
    for (Variant v : variants) {
      awaitHealthy(v);
    }
    awaitQuiet();
    pinCpus();

    int mostClients = clientLevels.get(clientLevels.size() - 1);
    Map<Variant, LoadDriver> drivers = new EnumMap<>(Variant.class);
    for (Variant v : variants) {
      URI base = URI.create("http://127.0.0.1:" + port(v));
      LoadDriver.requireLoopback(base);
      drivers.put(v, new LoadDriver(base, dataset(v, plain, full).token(), "contacts", mostClients));
    }
    for (Variant v : variants) {
      warmUp(v, drivers.get(v), dataset(v, plain, full));
    }
    String loadBeforeRounds = loadAverage();
    List<Phase> phases = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (int clients : clientLevels) {
        for (Variant v : variants) {
          Dataset d = dataset(v, plain, full);
          LoadDriver driver = drivers.get(v);
          log("Round " + round + "/" + rounds + ", " + clients + " clients, " + v.title() + ": " + settle.toSeconds() + " s settling, "
              + duration.toSeconds() + " s measured");
          if (!settle.isZero()) {
            driver.phase(clients, settle, Long.MAX_VALUE, 0.0, d.contactIds(), 1, 1, 0);
          }
          long seqBefore = auditHead(d);
          Cpu cpuBefore = cpu(v);
          LoadDriver.Result r = driver.phase(clients, duration, Long.MAX_VALUE, 0.0, d.contactIds(), 1, 2, 0);
          Cpu cpu = cpu(v).minus(cpuBefore);
          phases.add(new Phase(round, clients, v, r, auditHead(d) - seqBefore, auditCommits(d, seqBefore), cpu));
          System.err.printf(Locale.ROOT, "   %.0f requests/s, p50 %.1f ms, p99 %.1f ms, %d errors%n", r.getsPerSecond(), r.getMs(0.50), r.getMs(0.99),
              r.errors());
        }
      }
    }
    String loadAfter = loadAverage();

    System.out.println();
    System.out.println("== Read-path costs, side by side: GET /api/v1/contacts/{id}");
    System.out.println("date:       " + started);
    System.out.println("machine:    " + machine());
    System.out.println("database:   " + dbVersion + " (" + (pgPort == null ? "embedded, from the test binaries" : "private cluster on 127.0.0.1:" + pgPort)
        + "; " + dbSettings + ")");
    System.out.printf(Locale.ROOT, "data:       demo-data --contacts %d per dataset; contacts with a sealed personal tier: %s (dataset 1), %s (dataset 2)%n",
        contacts, needsFull ? full.sealedContacts() : "not loaded", plain == null ? "not loaded" : plain.sealedContacts());
    System.out.printf(Locale.ROOT, "load:       GET by random id (all %d contacts) only, closed loop with %s clients; each server first warmed with %d "
        + "clients until its throughput settled (at most %d s); then %d rounds of, for each number of clients, %s, each %d s settling + %d s measured%n",
        full.contactIds().size(), clientLevels.stream().map(String::valueOf).collect(Collectors.joining(", ")), clientLevels.get(0), warmup.toSeconds(), rounds,
        variants.stream().map(v -> v.letter).collect(Collectors.joining(" ")), settle.toSeconds(), duration.toSeconds());
    System.out.println("servers:    one process per variant on 127.0.0.1, monitoring off, all up throughout (beans in use checked: "
        + "b permit-all policy, c audit dropped; e started with steward.audit.all-reads=true); JVM options: " + (serverJavaOpts.isEmpty() ? "(none)" : String.join(" ", serverJavaOpts)));
    System.out.println("cpus:       " + (serverCpus.isEmpty() ? "shared: servers, PostgreSQL and the load driver on every CPU"
        : "servers on " + serverCpus + "; PostgreSQL and the load driver on " + databaseCpus + " (the database as if on a machine of its own)"));
    System.out.println("load avg:   at start " + loadAtStart + "; before the rounds " + loadBeforeRounds + "; after " + loadAfter);
    System.out.println();
    System.out.println("round  clients  variant                        requests/s   p50 ms   p99 ms   errors   audit events/request   events/commit   "
        + "CPU µs/request: server + database + driver");
    for (Phase p : phases) {
      row(Integer.toString(p.round()), p.clients(), p.variant(), p.result(), p.auditEvents(), p.auditCommits(), p.cpu());
    }
    System.out.println();
    // Every round at one number of clients together; a variant's throughput is its best over the numbers of clients.
    Map<Variant, Map<Integer, LoadDriver.Result>> total = new EnumMap<>(Variant.class);
    for (Variant v : variants) {
      for (int clients : clientLevels) {
        List<Phase> of = phases.stream().filter(p -> p.variant() == v && p.clients() == clients).toList();
        LoadDriver.Result all = LoadDriver.Result.combine(of.stream().map(Phase::result).toList());
        total.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(clients, all);
        row("all", clients, v, all, of.stream().mapToLong(Phase::auditEvents).sum(), of.stream().mapToLong(Phase::auditCommits).sum(),
            Cpu.sum(of.stream().map(Phase::cpu).toList()));
      }
    }
    System.out.println();
    Map<Variant, Integer> best = new EnumMap<>(Variant.class);
    for (Variant v : variants) {
      int at = total.get(v).entrySet().stream().max(Map.Entry.comparingByValue(java.util.Comparator.comparingDouble(LoadDriver.Result::getsPerSecond)))
          .orElseThrow().getKey();
      best.put(v, at);
      System.out.printf(Locale.ROOT, "throughput of %-30s %6.0f requests/s (best, at %d clients)%n", v.title(), total.get(v).get(at).getsPerSecond(), at);
    }
    System.out.println();
    double a = rps(total, best, Variant.A);
    double b = rps(total, best, Variant.B);
    double c = rps(total, best, Variant.C);
    double d = rps(total, best, Variant.D);
    double e = rps(total, best, Variant.E);
    BiFunction<Double, Double, String> cost = (x, y) -> String.format(Locale.ROOT, "%.1f %%", 100 * (1 - x / y));
    BiFunction<Double, Double, String> share = (x, y) -> String.format(Locale.ROOT, "%.2f", x / y);
    if (a > 0 && b > 0) {
      System.out.printf(Locale.ROOT, "policy cost       1 - a/b = %5.1f %%   (%s)   target <= 10 %%%n", 100 * (1 - a / b),
          breakdown(phases, total, best, Variant.A, Variant.B, cost));
    }
    if (a > 0 && c > 0) {
      System.out.printf(Locale.ROOT, "audit ratio       a/c     = %5.2f     (%s)   target >= 0.80%n", a / c, breakdown(phases, total, best, Variant.A, Variant.C, share));
    }
    if (a > 0 && d > 0) {
      System.out.printf(Locale.ROOT, "encryption ratio  a/d     = %5.2f     (%s)   target >= 0.85 (d also writes no read audit: see docs)%n", a / d,
          breakdown(phases, total, best, Variant.A, Variant.D, share));
    }
    if (c > 0 && d > 0) {
      System.out.printf(Locale.ROOT, "encryption alone  c/d     = %5.2f     (%s)   both without read audit%n", c / d,
          breakdown(phases, total, best, Variant.C, Variant.D, share));
    }
    if (a > 0 && e > 0) {
      System.out.printf(Locale.ROOT, "encryption, audit held equal a/e = %5.2f (%s)   target >= 0.85 (both audit every read)%n", a / e,
          breakdown(phases, total, best, Variant.A, Variant.E, share));
    }
    long errors = phases.stream().mapToLong(p -> p.result().errors()).sum();
    System.out.printf(Locale.ROOT, "RESULT contacts=%d clients=%s rounds=%d variants=%s a_rps=%.0f b_rps=%.0f c_rps=%.0f d_rps=%.0f e_rps=%.0f policy_cost=%s "
        + "audit_ratio=%s encryption_ratio=%s encryption_alone=%s encryption_audited=%s errors=%d%n", contacts,
        clientLevels.stream().map(String::valueOf).collect(Collectors.joining(",")), rounds, variants.stream().map(v -> v.letter).collect(Collectors.joining()), a, b, c, d,
        e, ratio(1 - a / b, a > 0 && b > 0), ratio(a / c, a > 0 && c > 0), ratio(a / d, a > 0 && d > 0), ratio(c / d, c > 0 && d > 0),
        ratio(a / e, a > 0 && e > 0), errors);
    if (contacts < 100_000 || duration.toSeconds() < 30) {
      System.out.println("(smoke size: fewer than 100,000 contacts or phases under 30 s; not a measurement to quote)");
    }
    if (errors > 0) {
      System.out.println("Some requests failed (see the errors column and the server logs in " + work + "): the figures are not valid.");
      return 1;
    }
    return 0;
  }

  /**
   * Loads one server with the fewest clients in steps of {@value #WARM_STEP_SECONDS} s until it is warm: at least
   * {@value #WARM_MIN_STEPS} steps, then until the last two steps' throughput together is within 3 % of the two before
   * them and the server's JIT compiler threads used at most {@value #WARM_COMPILER_SHARE_PERCENT} % of one CPU in those
   * two steps, at most {@code warmup} in all. A fixed warm-up is not enough: a server whose request threads never wait
   * (c) keeps both cores busy with them, its JIT compiler threads get little CPU, and it took 2–3 minutes to warm where
   * the others took under one. Few clients leave the compiler more of the CPU. Throughput alone is not enough either:
   * on a busy machine it can stay flat for 20 s while the compiler is still at work (2026-11-30: a server "settled" at
   * 841 requests/s measured 1,826 a minute later).
   */
  private void warmUp(Variant v, LoadDriver driver, Dataset d) throws InterruptedException {
    int clients = clientLevels.get(0);
    long steps = Math.max(1, warmup.toSeconds() / WARM_STEP_SECONDS);
    long pid = servers.get(v).pid();
    List<Double> rates = new ArrayList<>();
    List<Double> compiling = new ArrayList<>(); // the compiler threads' CPU per step, % of one CPU
    Map<String, Long> compilers = new LinkedHashMap<>();
    compilerCpuNanosSince(pid, compilers);
    for (int step = 1; step <= steps; step++) {
      rates.add(driver.phase(clients, Duration.ofSeconds(WARM_STEP_SECONDS), Long.MAX_VALUE, 0.0, d.contactIds(), 1, 1, 0).getsPerSecond());
      compiling.add(compilerCpuNanosSince(pid, compilers) / (WARM_STEP_SECONDS * 1e7));
      int n = rates.size();
      if (n >= WARM_MIN_STEPS) {
        double last = rates.get(n - 1) + rates.get(n - 2);
        double before = rates.get(n - 3) + rates.get(n - 4);
        boolean compilerQuiet = compiling.get(n - 1) + compiling.get(n - 2) <= 2 * WARM_COMPILER_SHARE_PERCENT;
        if (Math.abs(last - before) <= 0.03 * before && compilerQuiet) {
          break;
        }
      }
    }
    log("Warmed " + v.title() + " with " + clients + " clients for " + rates.size() * WARM_STEP_SECONDS + " s; requests/s per "
        + WARM_STEP_SECONDS + " s: " + rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).collect(Collectors.joining(" "))
        + "; JIT compiler CPU per step (% of one CPU): "
        + compiling.stream().map(c -> String.format(Locale.ROOT, "%.0f", c)).collect(Collectors.joining(" ")));
  }

  /**
   * CPU used by the JIT compiler threads of the process between two looks: {@code before} is what the last look saw
   * (thread id to CPU nanoseconds) and is updated. Compiler threads come and go; one that started meanwhile counts in full.
   */
  private static long compilerCpuNanosSince(long pid, Map<String, Long> before) {
    Map<String, Long> now = new LinkedHashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm"));
          if (name.startsWith("C2 CompilerThre") || name.startsWith("C1 CompilerThre")) {
            now.put(task.getFileName().toString(), ProcStat.cpuNanos(Files.readString(task.resolve("stat")), 14, 15)); // utime + stime
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0; // no /proc: the throughput criterion alone decides
    }
    long used = now.entrySet().stream().mapToLong(t -> Math.max(0, t.getValue() - before.getOrDefault(t.getKey(), 0L))).sum();
    before.clear();
    before.putAll(now);
    return used;
  }

  private static String ratio(double value, boolean measured) {
    return measured ? String.format(Locale.ROOT, "%.3f", value) : "-";
  }

  /** A variant's best requests/s (all rounds at its best number of clients), 0 if it did not run. */
  private static double rps(Map<Variant, Map<Integer, LoadDriver.Result>> total, Map<Variant, Integer> best, Variant v) {
    return total.containsKey(v) ? total.get(v).get(best.get(v)).getsPerSecond() : 0;
  }

  private static Dataset dataset(Variant v, Dataset plain, Dataset full) {
    return v.personalInternal ? plain : full;
  }

  private static void row(String round, int clients, Variant v, LoadDriver.Result r, long auditEvents, long auditCommits, Cpu cpu) {
    System.out.printf(Locale.ROOT, "%-6s %7d  %-30s %10.0f %8.1f %8.1f %8d %14.2f %15s   %s%n", round, clients, v.title(), r.getsPerSecond(), r.getMs(0.50),
        r.getMs(0.99), r.errors(), r.gets().length == 0 ? 0.0 : (double) auditEvents / r.gets().length,
        auditCommits == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) auditEvents / auditCommits), cpu.perRequest(r.gets().length));
  }

  /**
   * A ratio of {@code one} to {@code other} at each number of clients (all rounds), and round by round with each variant
   * at its best number of clients.
   */
  private String breakdown(List<Phase> phases, Map<Variant, Map<Integer, LoadDriver.Result>> total, Map<Variant, Integer> best, Variant one,
      Variant other, BiFunction<Double, Double, String> ratio) {
    String byClients = clientLevels.stream()
        .map(n -> n + " clients " + ratio.apply(total.get(one).get(n).getsPerSecond(), total.get(other).get(n).getsPerSecond()))
        .collect(Collectors.joining(", "));
    String byRound = java.util.stream.IntStream.rangeClosed(1, rounds).mapToObj(round -> ratio.apply(rps(phases, round, one, best.get(one)),
        rps(phases, round, other, best.get(other)))).collect(Collectors.joining(", "));
    return byClients + "; rounds at best: " + byRound;
  }

  private static double rps(List<Phase> phases, int round, Variant v, int clients) {
    return phases.stream().filter(p -> p.round() == round && p.variant() == v && p.clients() == clients).findFirst().orElseThrow().result()
        .getsPerSecond();
  }

  // --- datasets

  /**
   * A new database loaded as a real installation would be: optionally the contact's personal fields reclassified
   * {@code internal} through the schema admin service, then {@code demo-data}, then an administrator and an API token
   * made by the {@code token create} command. Runs in this JVM in a command-mode context (no web server, no scheduling).
   */
  private Dataset load(String name, boolean personalInternal) throws Exception {
    String url = createDatabase(name);
    Path dir = Files.createDirectories(work.resolve(name));
    log("Dataset " + name + ": " + (personalInternal ? "contact personal fields reclassified internal, then " : "built-in classification, ")
        + "demo-data --contacts " + contacts);
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StewardApplication.class).web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
        .run("--steward.data-dir=" + dir, "--spring.datasource.url=" + url, "--spring.datasource.username=" + dbUser,
            "--steward.crypto.master-passphrase=" + passphrase, "--" + Cli.COMMAND_PROPERTY + "=demo-data", "--" + Cli.SCHEDULING_PROPERTY + "=false",
            "--logging.level.root=WARN", "--logging.level.io.steward=WARN")) {
      if (personalInternal) {
        reclassifyPersonalAsInternal(context);
      }
      CommandCatalog catalog = CommandCatalog.scan("io.steward");
      command(context, catalog, System.err, "demo-data", "--contacts", Integer.toString(contacts));
      String email = "readcost-admin@example.com";
      Principal system = Principal.system();
      Accounts accounts = context.getBean(Accounts.class);
      var admin = accounts.createUser(system, new Accounts.NewUser(email, "Read-cost benchmark", "bench only " + random(24), UserKind.STAFF, "main", null));
      accounts.grant(system, admin, "admin", null, null, null, "read-cost benchmark");
      ByteArrayOutputStream token = new ByteArrayOutputStream();
      command(context, catalog, new PrintStream(token, true, StandardCharsets.UTF_8), "token", "create", "--user", email, "--name", "read-cost benchmark",
          "--expires-in", "1d");
      List<String> ids = new ArrayList<>();
      long sealed;
      try (Connection c = connect(url); Statement s = c.createStatement()) {
        try (var rs = s.executeQuery("select id from record where object_type = '" + BuiltInSchema.CONTACT + "'")) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
        try (var rs = s.executeQuery("select count(*) from record where object_type = '" + BuiltInSchema.CONTACT + "' and personal is not null")) {
          rs.next();
          sealed = rs.getLong(1);
        }
      }
      return new Dataset(name, url, dir, token.toString(StandardCharsets.UTF_8).strip(), ids, sealed);
    }
  }

  /** What an administrator would do in Admin → Schema: every personal field of Contact becomes internal (stored in plain JSON). */
  private static void reclassifyPersonalAsInternal(ConfigurableApplicationContext context) throws InterruptedException {
    SchemaAdmin admin = context.getBean(SchemaAdmin.class);
    List<String> changed = new ArrayList<>();
    for (FieldDef f : context.getBean(SchemaRegistry.class).require(BuiltInSchema.CONTACT).fields()) {
      if (f.classification() == Classification.PERSONAL && !f.retired()) {
        FieldSpec s = FieldSpec.of(f);
        admin.changeField(Principal.system(), BuiltInSchema.CONTACT, f.apiName(), new FieldSpec(s.apiName(), s.label(), s.type(),
            Classification.INTERNAL, s.required(), s.searchMode(), s.sortable(), s.purposes(), s.retentionDays(), s.maxLength(), s.min(), s.max(),
            s.pattern(), s.options(), s.relationTarget(), s.helpText(), s.defaultValue()));
        changed.add(f.apiName());
      }
    }
    // The re-seal jobs the change starts have nothing to rewrite yet (no contacts); let them finish before loading.
    if (!context.getBean(RecordJobs.class).awaitIdle(Duration.ofMinutes(2))) {
      throw new IllegalStateException("the re-seal jobs after the reclassification did not finish");
    }
    log("Reclassified contact fields as internal: " + String.join(", ", changed));
  }

  /** Runs a command of the jar in this context, as {@code java -jar steward.jar ...} would. */
  private static void command(ConfigurableApplicationContext context, CommandCatalog catalog, PrintStream out, String... line) {
    Optional<CommandCatalog.Match> match = catalog.match(List.of(line));
    int rc = Cli.execute(context, match.orElseThrow(() -> new IllegalStateException("no command " + line[0])), out);
    if (rc != CliCommand.OK) {
      throw new IllegalStateException("command " + line[0] + " exited with " + rc);
    }
  }

  private String createDatabase(String name) throws SQLException {
    if (pgPort == null) {
      return TestDatabases.freshPostgresUrl();
    }
    try (Connection c = connect("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres"); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + name;
  }

  private Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, dbUser, Optional.ofNullable(System.getenv("STEWARD_DB_PASSWORD")).orElse(""));
  }

  private String query(String url, String sql) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Transactions that appended the events after {@code seq}: rows written by one transaction share its xmin (PostgreSQL). */
  private long auditCommits(Dataset d, long seq) throws SQLException {
    return Long.parseLong(query(d.url(), "select count(distinct xmin::text) from audit_event where seq > " + seq));
  }

  /** The last audit sequence number written to a dataset's trail. */
  private long auditHead(Dataset d) throws SQLException {
    String head = query(d.url(), "select coalesce(max(seq), 0) from audit_event");
    return Long.parseLong(head);
  }

  // --- servers

  private int port(Variant v) {
    return basePort + v.ordinal();
  }

  /** One server process per variant: its own data folder (serving lock, checkpoint file), the dataset's keys. */
  private void startServer(Variant v, Dataset d) throws IOException {
    Path dir = Files.createDirectories(work.resolve("server-" + v.letter));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(serverJavaOpts);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ReadCostServer.class.getName(), v.server, "--server.port=" + port(v),
        "--server.address=127.0.0.1", "--steward.monitoring.enabled=false", "--steward.crypto.keys-dir=" + d.dir().resolve("keys")));
    cmd.addAll(v.settings);
    // Run in its own folder, so files a JVM option names relatively (a flight recording, say) stay apart.
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("STEWARD_ADMIN_") || k.equals("PORT"));
    env.put("STEWARD_DATA_DIR", dir.toString());
    env.put("STEWARD_DB_URL", d.url());
    env.put("STEWARD_DB_USER", dbUser);
    env.put("STEWARD_MASTER_PASSPHRASE", passphrase);
    log("Starting server " + v.title() + " on 127.0.0.1:" + port(v) + " (" + d.name() + ")");
    servers.put(v, pb.start());
  }

  /** Waits until a server answers healthy and has named the beans in use, and checks they are its variant's. */
  private void awaitHealthy(Variant v) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create("http://127.0.0.1:" + port(v) + "/actuator/health");
    Path log = work.resolve("server-" + v.letter).resolve("server.log");
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (!servers.get(v).isAlive()) {
        throw new IllegalStateException("server " + v.title() + " stopped; see " + log);
      }
      Optional<String> beans = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith(ReadCostServer.BEANS)).findFirst();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"") && beans.isPresent()) {
          if (!beans.get().equals(ReadCostServer.expectedBeansLine(v.server))) {
            throw new IllegalStateException("server " + v.title() + " runs with the wrong beans: " + beans.get());
          }
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server " + v.title() + " did not become healthy in 5 minutes");
  }

  /**
   * Waits until start-up work (sort indexes built in the background) is done: the servers under 5 % of a core each for
   * 2 s (an idle server's polling takes 1–9 %).
   */
  private void awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      long before = serversCpuNanos();
      Thread.sleep(2000);
      if (serversCpuNanos() - before < 0.05 * 2e9 * servers.size()) {
        return;
      }
    }
    log("The servers were still busy after 3 minutes; measuring anyway");
  }

  /**
   * With {@code --server-cpus} and {@code --db-cpus}: the servers on some CPUs, PostgreSQL and this load driver on the
   * others, as if the database had a machine of its own (loading the datasets used every CPU). New PostgreSQL
   * backends are forked by the postmaster and inherit its CPUs.
   */
  private void pinCpus() throws IOException, InterruptedException {
    if (serverCpus.isEmpty()) {
      return;
    }
    for (Process p : servers.values()) {
      taskset(serverCpus, p.pid());
    }
    taskset(databaseCpus, ProcessHandle.current().pid());
    for (ProcessHandle p : postgresProcesses()) {
      taskset(databaseCpus, p.pid());
    }
    log("Servers on CPUs " + serverCpus + "; PostgreSQL and the load driver on CPUs " + databaseCpus);
  }

  private static void taskset(String cpus, long pid) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) {
      throw new IOException("taskset -a -p -c " + cpus + " " + pid + " failed");
    }
  }

  private static List<ProcessHandle> postgresProcesses() {
    return ProcessHandle.allProcesses().filter(ReadCostBenchmark::isPostgres).toList();
  }

  private static boolean isPostgres(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
  }

  /** CPU used so far by the variant's server, by all PostgreSQL processes (they serve every variant), by this JVM. */
  private Cpu cpu(Variant v) {
    return new Cpu(cpuNanos(servers.get(v).toHandle()), databaseCpuNanos(), cpuNanos(ProcessHandle.current()));
  }

  /**
   * CPU of the PostgreSQL processes alive now plus that of the ones that ended (the postmaster's reaped children), so
   * a connection the pool closes during a phase (they live 30 minutes) does not take its CPU out of the sum.
   */
  private static long databaseCpuNanos() {
    List<ProcessHandle> all = postgresProcesses();
    long live = all.stream().mapToLong(ReadCostBenchmark::cpuNanos).sum();
    long ended = all.stream().filter(p -> p.parent().map(parent -> !isPostgres(parent)).orElse(true)).mapToLong(ReadCostBenchmark::reapedChildrenNanos)
        .sum();
    return live + ended;
  }

  /** cutime + cstime of /proc/PID/stat: the CPU of the process's children that ended and were waited for. */
  private static long reapedChildrenNanos(ProcessHandle p) {
    try {
      return ProcStat.cpuNanos(Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat")), 16, 17);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private long serversCpuNanos() {
    return servers.values().stream().mapToLong(p -> cpuNanos(p.toHandle())).sum();
  }

  private void stopServers() {
    for (Process p : servers.values()) {
      p.destroy();
    }
    for (Process p : servers.values()) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  // --- the machine

  private static String machine() {
    long ramKb = 0;
    try {
      ramKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    } catch (IOException e) {
      // not Linux: RAM unknown
    }
    return String.format(Locale.ROOT, "%d cores, %.0f GiB, %s %s (%s), %s %s", Runtime.getRuntime().availableProcessors(), ramKb / 1024.0 / 1024.0,
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void log(String message) {
    System.err.println("== " + java.time.LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
  }
}
