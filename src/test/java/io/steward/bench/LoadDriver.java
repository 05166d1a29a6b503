package io.steward.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end load against a running Steward on this machine: N clients (platform threads), each sending one request
 * at a time over the REST API with a bearer token. Mix: {@code GET /api/v1/{collection}/{id}} for random ids
 * (collected first from list calls) and list pages {@code GET /api/v1/{collection}?sort=lastName&size=50&page=K}.
 * Bounded by a request count and a duration; refuses any host but loopback. Prints requests/s and p50/p95/p99.
 * Without {@code --rate} every client sends its next request when the last one is answered (closed loop: the
 * throughput the server reaches); with {@code --rate R} the clients together send R requests/s on a fixed schedule
 * (open loop: the latency at that load, counted from when each request was due).
 *
 * <pre>
 * java -cp target/test-classes io.steward.bench.LoadDriver --base http://127.0.0.1:8080 --token-file token.txt \
 *     [--clients 16] [--duration 60] [--warmup 10] [--max-requests 500000] [--list-share 0.2] [--collection contacts] [--rate 0]
 * </pre>
 *
 * The token is read from a file (or STEWARD_TOKEN), never from the command line, where other users could see it.
 */
public final class LoadDriver {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

  private final URI base;
  private final String token;
  private final String collection;
  private final HttpClient http;

  LoadDriver(URI base, String token, String collection, int clients) {
    this.base = base;
    this.token = token;
    this.collection = collection;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .executor(java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, clients / 2), r -> {
          Thread t = new Thread(r, "load-http");
          t.setDaemon(true);
          return t;
        })).build();
  }

  public static void main(String[] args) {
    try {
      drive(args);
      System.exit(0);
    } catch (Exception e) {
      System.err.println("Load driver failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void drive(String[] args) throws Exception {
    Map<String, String> o = options(args);
    URI base = URI.create(o.getOrDefault("base", "http://127.0.0.1:8080"));
    requireLoopback(base);
    String token = o.containsKey("token-file") ? Files.readString(Path.of(o.get("token-file"))).strip() : System.getenv("STEWARD_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("Give the API token with --token-file FILE or STEWARD_TOKEN.");
    }
    int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
    Duration duration = Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "60")));
    Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "10")));
    long maxRequests = Long.parseLong(o.getOrDefault("max-requests", "500000"));
    double listShare = Double.parseDouble(o.getOrDefault("list-share", "0.2"));
    LoadDriver driver = new LoadDriver(base, token, o.getOrDefault("collection", "contacts"), clients);
    double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
    driver.run(clients, duration, warmup, maxRequests, listShare, Integer.parseInt(o.getOrDefault("ids", "5000")), rate);
  }

  void run(int clients, Duration duration, Duration warmup, long maxRequests, double listShare, int wantIds, double rate) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> first = get(listPath(0, 50));
    long firstMs = (System.nanoTime() - t0) / 1_000_000;
    check(first, "first list");
    long total = total(first.body());
    System.out.printf(Locale.ROOT, "first list (builds the sort index): %d ms, total %d %s%n", firstMs, total, collection);
    List<String> ids = collectIds(wantIds);
    int pages = (int) Math.max(1, Math.min(2000, (total + 49) / 50));
    System.out.printf(Locale.ROOT, "collected %d ids; list pages drawn from the first %d%n", ids.size(), pages);
    if (ids.isEmpty()) {
      throw new IllegalStateException("No records to read: load demo data first.");
    }
    if (!warmup.isZero()) {
      phase(clients, warmup, Long.MAX_VALUE, listShare, ids, pages, 1, rate);
    }
    Result r = phase(clients, duration, maxRequests, listShare, ids, pages, 2, rate);
    r.print(clients, rate);
  }

  /**
   * One phase of load: {@code clients} threads, each sending one request at a time until the duration or the request
   * budget runs out; {@code listShare} 0 means GET by random id only. The same seed draws the same ids. {@code rate}
   * &gt; 0 fixes the total requests per second (open loop); 0 sends flat out.
   */
  Result phase(int clients, Duration duration, long maxRequests, double listShare, List<String> ids, int pages, long seed, double rate)
      throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    AtomicLong budget = new AtomicLong(maxRequests);
    Recorder[] recorders = new Recorder[clients];
    Thread[] threads = new Thread[clients];
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Recorder rec = recorders[c] = new Recorder();
      SplittableRandom random = new SplittableRandom(seed * 1000 + c);
      long offset = rate > 0 ? (long) (1e9 * clients / rate) * c / clients : 0;
      threads[c] = new Thread(() -> {
        // With a rate, each client sends on a fixed schedule and a late request's latency counts from when it was
        // due (no coordinated omission); without one, each client sends as soon as its last answer arrived.
        long interval = rate > 0 ? (long) (1e9 * clients / rate) : 0;
        long due = started + offset;
        try (KeepAliveClient connection = new KeepAliveClient(base, token)) {
          while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
            boolean list = random.nextDouble() < listShare;
            String path = list ? listPath(random.nextInt(pages), 50) : "/api/v1/" + collection + "/" + ids.get(random.nextInt(ids.size()));
            long s = System.nanoTime();
            if (interval > 0) {
              while ((s = System.nanoTime()) < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - s);
              }
              s = due;
              due += interval;
            }
            int status;
            try {
              status = connection.get(path);
            } catch (IOException e) {
              status = -1;
            }
            rec.add(list, System.nanoTime() - s, status == 200);
          }
        }
      }, "load-client-" + c);
      threads[c].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return Result.merge(recorders, System.nanoTime() - started);
  }

  private List<String> collectIds(int want) throws IOException, InterruptedException {
    Set<String> ids = new LinkedHashSet<>();
    for (int page = 0; ids.size() < want && page < 1000; page++) {
      HttpResponse<String> r = get("/api/v1/" + collection + "?size=200&page=" + page);
      check(r, "id collection");
      Matcher m = ID.matcher(r.body());
      int before = ids.size();
      while (m.find()) {
        ids.add(m.group(1));
      }
      if (ids.size() == before) {
        break;
      }
    }
    return new ArrayList<>(ids);
  }

  private String listPath(int page, int size) {
    return "/api/v1/" + collection + "?sort=lastName&size=" + size + "&page=" + page;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void check(HttpResponse<String> r, String what) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(what + " answered HTTP " + r.statusCode() + " (is the REST API merged, and the token valid?)");
    }
  }

  private static long total(String body) {
    Matcher m = TOTAL.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  static void requireLoopback(URI base) throws IOException {
    String host = base.getHost() == null ? "" : base.getHost().replace("[", "").replace("]", "");
    boolean literal = host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    if (!literal || !InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalArgumentException("The load driver only targets this machine (localhost, 127.0.0.1, ::1).");
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Options are --name value pairs; see the class comment.");
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }

  /** Latencies of one client, kept in growable arrays (no locking on the hot path). */
  static final class Recorder {
    long[] get = new long[1 << 14];
    long[] list = new long[1 << 12];
    int gets;
    int lists;
    long errors;

    void add(boolean isList, long nanos, boolean ok) {
      if (!ok) {
        errors++;
      }
      if (isList) {
        if (lists == list.length) {
          list = Arrays.copyOf(list, lists * 2);
        }
        list[lists++] = nanos;
      } else {
        if (gets == get.length) {
          get = Arrays.copyOf(get, gets * 2);
        }
        get[gets++] = nanos;
      }
    }
  }

  record Result(long[] gets, long[] lists, long errors, long elapsedNanos) {
    /** Several phases as one: their latencies together, their durations added. */
    static Result combine(List<Result> results) {
      return join(results, results.stream().mapToLong(Result::elapsedNanos).sum());
    }

    static Result merge(Recorder[] recorders, long elapsed) {
      List<Result> parts = new ArrayList<>(recorders.length);
      for (Recorder r : recorders) {
        parts.add(new Result(Arrays.copyOf(r.get, r.gets), Arrays.copyOf(r.list, r.lists), r.errors, elapsed));
      }
      return join(parts, elapsed);
    }

    private static Result join(List<Result> parts, long elapsed) {
      long[] g = new long[0];
      long[] l = new long[0];
      long errors = 0;
      for (Result r : parts) {
        g = concat(g, r.gets);
        l = concat(l, r.lists);
        errors += r.errors;
      }
      Arrays.sort(g);
      Arrays.sort(l);
      return new Result(g, l, errors, elapsed);
    }

    /** Single-record GETs per second of this phase. */
    double getsPerSecond() {
      return gets.length / (elapsedNanos / 1e9);
    }

    /** A quantile of the single-record GET latencies, in milliseconds. */
    double getMs(double q) {
      return ms(gets, q);
    }

    void print(int clients, double rate) {
      double seconds = elapsedNanos / 1e9;
      long all = gets.length + lists.length;
      System.out.printf(Locale.ROOT, "%d clients, %.1f s, %d requests, %.0f requests/s, %d errors%n", clients, seconds, all, all / seconds, errors);
      line("GET one record", gets, seconds);
      line("GET list page ", lists, seconds);
      long[] both = concat(gets, lists);
      Arrays.sort(both);
      String mode = rate > 0 ? String.format(Locale.ROOT, "rate=%.0f", rate) : "closed-loop";
      System.out.printf(Locale.ROOT, "RESULT %s clients=%d requests=%d rps=%.0f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f get_p50_ms=%.1f get_p99_ms=%.1f "
              + "list_p50_ms=%.1f list_p99_ms=%.1f errors=%d%n", mode, clients, all, all / seconds, ms(both, 0.50), ms(both, 0.95),
          ms(both, 0.99),
          ms(gets, 0.50), ms(gets, 0.99), ms(lists, 0.50), ms(lists, 0.99), errors);
    }

    private static void line(String what, long[] sorted, double seconds) {
      System.out.printf(Locale.ROOT, "  %s %8d  %7.0f/s  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what, sorted.length,
          sorted.length / seconds, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), ms(sorted, 1.0));
    }

    private static double ms(long[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
      return sorted[i] / 1e6;
    }

    private static long[] concat(long[] a, long[] b) {
      long[] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }
}
