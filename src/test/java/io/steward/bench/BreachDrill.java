package io.steward.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.steward.testsupport.AuthenticatorApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The breach drill (docs/monitoring.md): against a Steward in drill mode on loopback, replays weeks of ordinary
 * work by many staff (each request carries its simulated time and its simulated address), then a stolen token
 * read from a new network, a stolen token walking records from the victim's own network, a slow insider and a
 * lingering vendor account; prints records exposed before containment, time to containment and false alerts
 * per 1,000 user-days. Run by bench/breach-drill.sh; arguments: base URL. Sizes from DRILL_USERS, DRILL_DAYS,
 * DRILL_CONTACTS, DRILL_THREADS; DRILL_MINUTES bounds the replay.
 */
public final class BreachDrill {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">(stw_[A-Za-z0-9_-]+)<");
  static final String OFFICE = "10.20.0.";

  final String base;
  final String password = "Amber-Lantern-" + Long.toHexString(new Random().nextLong()) + "-9";
  final int userCount = env("DRILL_USERS", 30);
  final int days = env("DRILL_DAYS", 35);
  final int contactCount = env("DRILL_CONTACTS", 3000);
  final int threads = env("DRILL_THREADS", 4);
  final Duration budget = Duration.ofMinutes(env("DRILL_MINUTES", 20));
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<String> contacts = Collections.synchronizedList(new ArrayList<>());
  final List<Person> people = new ArrayList<>();
  final AtomicLong requests = new AtomicLong();
  final Map<String, List<Instant>> insiderExtraReads = new ConcurrentHashMap<>();
  /** The simulation starts tomorrow at 00:00 UTC; setup happens the day before, at 10:00 UTC, from the office. */
  final Instant simStart = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
  final Instant setupTime = simStart.minus(Duration.ofHours(14));
  String adminToken;
  /** The administrator's browser session: granting roles needs a fresh second factor, which API tokens never carry. */
  HttpClient adminWeb;
  String adminId;

  record Person(int index, String id, String email, String token, String role, boolean vendor, int startMinute, String home, List<String> book) {}

  record Answer(int status, String body) {}

  public static void main(String[] args) throws Exception {
    new BreachDrill(args.length > 0 ? args[0] : "http://127.0.0.1:8080").run();
  }

  BreachDrill(String base) {
    this.base = base;
  }

  static int env(String name, int dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : Integer.parseInt(v.strip());
  }

  void run() throws Exception {
    long t0 = System.nanoTime();
    String adminEmail = System.getenv("STEWARD_ADMIN_EMAIL");
    adminWeb = signIn(adminEmail, System.getenv("STEWARD_ADMIN_PASSWORD"), OFFICE + "1");
    adminToken = newToken(adminWeb, adminEmail, OFFICE + "1");
    adminId = JSON.readTree(call("GET", "/api/v1/me", adminToken, null, null, OFFICE + "1").body()).path("id").asString();
    seed();
    System.out.printf("setup: %d contacts, %d staff, 2 vendors in %.0f s%n", contacts.size(), userCount, seconds(t0));

    long replayStart = System.nanoTime();
    int daysDone = replay(simStart);
    double replaySeconds = seconds(replayStart);
    long benignRequests = requests.get();

    Instant attackDay = simStart.plus(Duration.ofDays(days + 1));
    Person newNetworkVictim = people.get(0);
    Person sameNetworkVictim = people.get(1);
    Person vendor = people.stream().filter(Person::vendor).findFirst().orElseThrow();
    Result stolenNew = stolenListRead(newNetworkVictim, attackDay.plus(Duration.ofHours(14)), "185.220.101.23");
    Result stolenSame = stolenWalk(sameNetworkVictim, attackDay.plus(Duration.ofHours(15)), newNetworkVictim.home());
    Result lingering = vendorAtNight(vendor, attackDay.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(30)), "45.155.205.9");

    JsonNode incidents = JSON.readTree(call("GET", "/api/v1/security/incidents?since=" + simStart.minus(Duration.ofDays(1)), adminToken, null, null,
        OFFICE + "1").body()).path("items");
    JsonNode stats = JSON.readTree(call("GET", "/api/v1/security/monitor", adminToken, null, null, OFFICE + "1").body());
    report(simStart, daysDone, replaySeconds, benignRequests, incidents, stats, stolenNew, stolenSame, lingering);
  }

  // --- setup

  void seed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = t;
      work.add(() -> {
        for (int i = from; i < contactCount; i += threads) {
          String body = "{\"firstName\":\"Drill\",\"lastName\":\"Contact" + i + "\",\"email\":\"contact" + i + "@example.test\"}";
          Answer a = call("POST", "/api/v1/contacts", adminToken, body, null, OFFICE + "1");
          contacts.add(JSON.readTree(a.body()).path("id").asString());
        }
        for (int i = from; i < 100; i += threads) {
          call("POST", "/api/v1/companies", adminToken, "{\"name\":\"Drill Company " + i + "\"}", null, OFFICE + "1");
        }
        return null;
      });
    }
    for (var f : pool.invokeAll(work)) {
      f.get();
    }
    pool.shutdown();
    Collections.sort(contacts);
    Random r = new Random(7);
    for (int i = 0; i < userCount + 2; i++) {
      boolean vendor = i >= userCount;
      String role = vendor ? "vendor" : i % 6 == 5 ? "manager" : "support";
      String email = (vendor ? "vendor" : "staff") + i + "@drill.example.test";
      String id = createPerson(email, "Drill " + i, vendor, role);
      List<String> book = new ArrayList<>();
      for (int b = 0; b < 150; b++) {
        book.add(contacts.get(r.nextInt(contacts.size())));
      }
      String home = vendor ? "172.16." + i + "." : "100.64." + i + ".";
      people.add(new Person(i, id, email, tokenFor(email, password, vendor ? home + "7" : OFFICE + (10 + i)), role, vendor, 7 * 60 + 30 + r.nextInt(90), home, book));
    }
  }

  /** Signs in through the browser pages (at the setup time, from the person's usual network) and creates a token there. */
  String tokenFor(String email, String pw, String ip) throws Exception {
    return newToken(signIn(email, pw, ip), email, ip);
  }

  HttpClient signIn(String email, String pw, String ip) throws Exception {
    HttpClient web = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String csrf = csrf(webCall(web, "GET", "/login", null, ip).body());
    HttpResponse<String> signedIn = webCall(web, "POST", "/login", form(Map.of("email", email, "password", pw, "_csrf", csrf)), ip);
    String next = signedIn.headers().firstValue("Location").orElse("");
    if (next.endsWith("/mfa")) {
      enrolAuthenticator(web, email, ip);
    } else if (signedIn.statusCode() != 302 || next.contains("error")) {
      throw new IllegalStateException("sign-in refused for " + email + " (" + signedIn.statusCode() + " " + next + ")");
    }
    return web;
  }

  String newToken(HttpClient web, String email, String ip) throws Exception {
    String csrf = csrf(webCall(web, "GET", "/settings/tokens", null, ip).body());
    HttpResponse<String> page = webCall(web, "POST", "/settings/tokens", form(Map.of("name", "drill", "expiresIn", "365d", "_csrf", csrf)), ip);
    Matcher m = NEW_TOKEN.matcher(page.body());
    if (!m.find()) {
      throw new IllegalStateException("could not create a token for " + email + " (status " + page.statusCode() + ")");
    }
    return m.group(1);
  }

  /** Creates an account with its role on the administrator's user page; vendors are sponsored by the admin and expire. */
  String createPerson(String email, String name, boolean vendor, String role) throws Exception {
    String csrf = csrf(webCall(adminWeb, "GET", "/admin/users", null, OFFICE + "1").body());
    Map<String, String> fields = new HashMap<>(Map.of("email", email, "displayName", name, "password", password, "kind", vendor ? "vendor" : "staff",
        "role", role, "_csrf", csrf));
    if (vendor) {
      fields.put("sponsor", adminId);
      fields.put("expires", setupTime.plus(Duration.ofDays(100)).toString().substring(0, 10));
    }
    HttpResponse<String> created = webCall(adminWeb, "POST", "/admin/users", form(fields), OFFICE + "1");
    Matcher id = Pattern.compile("/admin/users/([0-9a-f-]{36})$").matcher(created.headers().firstValue("Location").orElse(""));
    if (created.statusCode() != 302 || !id.find()) {
      throw new IllegalStateException("could not create " + email + " (status " + created.statusCode() + ")");
    }
    return id.group(1);
  }

  /**
   * Admins, managers and vendors must have a second factor: the drill enrols an authenticator app at first sign-in,
   * with the code for the drill's setup time (the server's clock during these requests).
   */
  void enrolAuthenticator(HttpClient web, String email, String ip) throws Exception {
    String page = webCall(web, "GET", "/mfa", null, ip).body();
    String secret = AuthenticatorApp.keyOnEnrolmentPage(page)
        .orElseThrow(() -> new IllegalStateException("no authenticator enrolment offered to " + email));
    String code = new AuthenticatorApp(secret).codeAt(setupTime);
    HttpResponse<String> done = webCall(web, "POST", "/mfa/enrol/totp", form(Map.of("code", code, "_csrf", csrf(page))), ip);
    if (done.statusCode() != 200) {
      throw new IllegalStateException("authenticator enrolment failed for " + email + " (status " + done.statusCode() + ")");
    }
  }

  HttpResponse<String> webCall(HttpClient web, String method, String path, String form, String ip) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("X-Steward-Drill-Time", setupTime.toString())
        .header("X-Forwarded-For", ip).header("User-Agent", "DrillBrowser/1.0");
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    }
    return web.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    return m.find() ? m.group(1) : "";
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
            + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining("&"));
  }

  // --- the benign workload

  int replay(Instant simStart) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long deadline = System.nanoTime() + budget.toNanos();
    int day = 0;
    for (; day < days && System.nanoTime() < deadline; day++) {
      Instant date = simStart.plus(Duration.ofDays(day));
      List<Callable<Void>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int lane = t;
        int d = day;
        work.add(() -> {
          for (Person p : people) {
            if (p.index() % threads == lane && (!p.vendor() || d < 5)) {
              workday(p, date, d);
            }
          }
          return null;
        });
      }
      for (var f : pool.invokeAll(work)) {
        f.get();
      }
      System.out.printf("day %d done (%d requests, %.0f s)%n", day + 1, requests.get(), seconds(deadline - budget.toNanos()));
    }
    pool.shutdown();
    return day;
  }

  /** One person's day: start near their usual time, 7.5-9 hours, an action every few minutes. */
  void workday(Person p, Instant date, int day) {
    Random r = new Random(p.index() * 1000L + day);
    boolean fromHome = !p.vendor() && r.nextDouble() < 0.3;
    String net = fromHome ? p.home() : p.vendor() ? p.home() : OFFICE;
    int start = p.startMinute() + r.nextInt(41) - 20;
    int length = p.vendor() ? 6 * 60 : 450 + r.nextInt(90) + (r.nextDouble() < 0.03 ? 60 : 0);
    boolean insider = p.index() == 2 && day >= 20;
    int insiderCursor = day * 400;
    double minute = start;
    while (minute < start + length) {
      Instant at = date.plus(Duration.ofSeconds((long) (minute * 60)));
      String ip = net + (fromHome || p.vendor() ? "7" : Integer.toString(10 + p.index()));
      if (p.vendor()) {
        call("GET", "/api/v1/companies?size=25&page=" + r.nextInt(4), p.token(), null, at, ip);
      } else {
        double x = r.nextDouble();
        if (x < 0.55) {
          String id = r.nextDouble() < 0.85 ? p.book().get(r.nextInt(p.book().size())) : contacts.get(r.nextInt(contacts.size()));
          call("GET", "/api/v1/contacts/" + id, p.token(), null, at, ip);
        } else if (x < 0.85) {
          double y = r.nextDouble();
          String q = y < 0.7 ? "page=0" : y < 0.9 ? "page=1" : "q=Contact" + r.nextInt(30);
          call("GET", "/api/v1/contacts?size=25&" + q, p.token(), null, at, ip);
        } else {
          call("GET", "/api/v1/me", p.token(), null, at, ip);
        }
      }
      if (insider) {
        // the insider: about 40 extra records an hour, one at a time, never a burst
        for (int k = 0; k < 2 + r.nextInt(3); k++) {
          String id = contacts.get(insiderCursor++ % contacts.size());
          if (call("GET", "/api/v1/contacts/" + id, p.token(), null, at.plusSeconds(k * 20L), ip).status() == 200) {
            insiderExtraReads.computeIfAbsent(p.id(), u -> Collections.synchronizedList(new ArrayList<>())).add(at.plusSeconds(k * 20L));
          }
        }
      }
      minute += 2 + r.nextExponential() * 4;
    }
  }

  // --- the attacks

  record Result(String what, long records, long requests, double seconds, boolean contained) {}

  /** A stolen token used from a network the victim never used, pulling pages of 100 as fast as it can. */
  Result stolenListRead(Person victim, Instant at, String ip) {
    long t = System.nanoTime();
    long records = 0;
    int page = 0;
    for (; page < 1000; page++) {
      Answer a = call("GET", "/api/v1/contacts?size=100&page=" + page, victim.token(), null, at.plusNanos(System.nanoTime() - t), ip);
      if (a.status() != 200) {
        return new Result("stolen token, new network, pages of 100", records, page + 1, seconds(t), true);
      }
      records += JSON.readTree(a.body()).path("items").size();
    }
    return new Result("stolen token, new network, pages of 100", records, page, seconds(t), false);
  }

  /** A stolen token (or malware on the victim's machine) on the victim's own network, opening records one by one. */
  Result stolenWalk(Person victim, Instant at, String homeNet) {
    long t = System.nanoTime();
    long records = 0;
    for (int i = 0; i < contacts.size(); i++) {
      Answer a = call("GET", "/api/v1/contacts/" + contacts.get(i), victim.token(), null, at.plusNanos(System.nanoTime() - t), OFFICE + (10 + victim.index()));
      if (a.status() != 200) {
        return new Result("stolen token, victim's network, one by one", records, i + 1, seconds(t), true);
      }
      records++;
    }
    return new Result("stolen token, victim's network, one by one", records, contacts.size(), seconds(t), false);
  }

  /** A vendor account unused for a month, used at 02:30 from a new network. */
  Result vendorAtNight(Person vendor, Instant at, String ip) {
    long t = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      Answer a = call("GET", "/api/v1/companies?size=25&page=" + (i % 4), vendor.token(), null, at.plusNanos(System.nanoTime() - t), ip);
      if (a.status() != 200) {
        return new Result("lingering vendor, 02:30, new network", 0, i + 1, seconds(t), true);
      }
    }
    return new Result("lingering vendor, 02:30, new network", 0, 200, seconds(t), false);
  }

  // --- the report

  void report(Instant simStart, int daysDone, double replaySeconds, long benignRequests, JsonNode incidents, JsonNode stats, Result... attacks) {
    Map<String, Person> byId = new HashMap<>();
    people.forEach(p -> byId.put(p.id(), p));
    Instant attackDay = simStart.plus(Duration.ofDays(days + 1));
    Person insider = people.get(2);
    int falseAlerts = 0;
    Instant insiderFlagged = null;
    List<String> falseLines = new ArrayList<>();
    for (JsonNode i : incidents) {
      String user = i.path("userId").isNull() ? null : i.path("userId").asString();
      Instant opened = Instant.parse(i.path("openedAt").asString());
      if (user != null && user.equals(insider.id()) && opened.isAfter(simStart.plus(Duration.ofDays(20)))) {
        insiderFlagged = insiderFlagged == null || opened.isBefore(insiderFlagged) ? opened : insiderFlagged;
        continue;
      }
      if (opened.isBefore(attackDay) && (user == null || byId.containsKey(user))) {
        falseAlerts++;
        falseLines.add("  false alert: " + i.path("rule").asString() + " — " + i.path("summary").asString());
      }
    }
    long userDays = (long) userCount * daysDone + 2L * Math.min(5, daysDone);
    final Instant flagged = insiderFlagged;
    long insiderBefore = flagged == null ? -1
        : insiderExtraReads.getOrDefault(insider.id(), List.of()).stream().filter(t -> !t.isAfter(flagged)).count();
    System.out.println();
    System.out.println("== Breach drill ==");
    System.out.printf("benign workload: %d staff + 2 vendors, %d simulated days, %d user-days, %d requests in %.0f s (%.0f req/s)%n", userCount,
        daysDone, userDays, benignRequests, replaySeconds, benignRequests / replaySeconds);
    for (Result a : attacks) {
      System.out.printf("%-45s records exposed before containment: %4d  requests: %4d  time to containment: %.2f s  %s%n", a.what(), a.records(),
          a.requests(), a.seconds(), a.contained() ? "contained" : "NOT CONTAINED");
    }
    System.out.printf("slow insider (≈40 extra records/hour from day 21): %s%n",
        flagged == null ? "NOT FLAGGED" : "flagged after " + insiderBefore + " extra records (at " + flagged + ")");
    System.out.printf("false alerts: %d in %d user-days = %.2f per 1,000 user-days%n", falseAlerts, userDays, falseAlerts * 1000.0 / userDays);
    falseLines.forEach(System.out::println);
    System.out.printf("rule evaluation: p50 %.1f µs, p99 %.1f µs over %d evaluations%n", stats.path("p50Micros").asDouble(),
        stats.path("p99Micros").asDouble(), stats.path("evaluations").asLong());
  }

  // --- HTTP

  Answer call(String method, String path, String token, String body, Instant at, String ip) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("User-Agent", "DrillClient/1.0").header("X-Forwarded-For", ip);
    b.header("X-Steward-Drill-Time", (at != null ? at : setupTime).toString());
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      requests.incrementAndGet();
      return new Answer(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
