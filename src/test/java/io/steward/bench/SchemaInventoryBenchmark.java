package io.steward.bench;

import io.steward.StewardApplication;
import io.steward.access.Accounts;
import io.steward.access.Principal;
import io.steward.access.UserKind;
import io.steward.records.DataInventory;
import io.steward.schema.FieldSpec;
import io.steward.schema.FieldType;
import io.steward.schema.ObjectSpec;
import io.steward.schema.SchemaAdmin;
import io.steward.schema.SearchMode;
import io.steward.shared.Classification;
import io.steward.testsupport.TestDatabases;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Adding a field and rendering the data inventory with a million records present (issue 8's speed targets: ≤ 1 s
 * and ≤ 2 s). Not a JMH benchmark: each operation is measured end to end on a running Steward.
 *
 * <p>Rows are inserted by SQL batch (plain JSON documents, as sealing a million records would take most of the run)
 * together with the fill counts the write path would have kept for them; the inventory reads only those counts.
 *
 * <pre>
 * ./mvnw -q test-compile && java -cp target/test-classes:target/classes:$(./mvnw -q dependency:build-classpath \
 *   -Dmdep.outputFile=/dev/stdout) io.steward.bench.SchemaInventoryBenchmark h2 1000000
 * </pre>
 * (second run: {@code postgres} instead of {@code h2})
 */
public final class SchemaInventoryBenchmark {

  private SchemaInventoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "h2";
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    String dir = Files.createTempDirectory("steward-bench").toString();
    String url = db.equals("postgres") ? TestDatabases.freshPostgresUrl()
        : "jdbc:h2:file:" + dir + "/db/steward;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StewardApplication.class).run(
        "--steward.data-dir=" + dir, "--steward.crypto.master-passphrase=bench-passphrase-not-for-production",
        "--spring.datasource.url=" + url, "--spring.datasource.username=" + (db.equals("postgres") ? TestDatabases.postgresUser() : "sa"),
        "--steward.audit.checkpoint-dir=" + dir + "/checkpoints", "--server.port=0", "--spring.main.banner-mode=off",
        "--logging.level.root=WARN")) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      SchemaAdmin admin = app.getBean(SchemaAdmin.class);
      Accounts accounts = app.getBean(Accounts.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Principal system = Principal.system();

      String email = "bench-admin@example.test";
      String password = "a long benchmark passphrase nobody guesses";
      UUID adminId = accounts.createUser(system, new Accounts.NewUser(email, "Bench admin", password, UserKind.STAFF, "main", null));
      accounts.grant(system, adminId, "admin", null, null, null, "benchmark");
      for (int i = 0; i < 60; i++) {
        UUID u = accounts.createUser(system, new Accounts.NewUser("user" + i + "@example.test", "User " + i, null, UserKind.STAFF, "main", null));
        accounts.grant(system, u, List.of("sales", "support", "manager", "marketing").get(i % 4), null, null, null, "benchmark");
      }
      admin.createObject(system, new ObjectSpec("member", "Member", "Members", List.of("name"), "name", Set.of("sales"), List.of(
          spec("name", FieldType.TEXT, Classification.INTERNAL, SearchMode.PREFIX),
          spec("email", FieldType.EMAIL, Classification.PERSONAL, SearchMode.EXACT),
          spec("phone", FieldType.PHONE, Classification.PERSONAL, SearchMode.NONE),
          spec("diagnosis", FieldType.LONG_TEXT, Classification.SENSITIVE, SearchMode.NONE),
          spec("allergies", FieldType.TEXT, Classification.SENSITIVE, SearchMode.NONE),
          spec("tier", FieldType.TEXT, Classification.INTERNAL, SearchMode.NONE))));

      long started = System.nanoTime();
      insert(jdbc, rows);
      long insertMs = (System.nanoTime() - started) / 1_000_000;
      counts(jdbc, rows);
      System.out.printf("%s: %,d records inserted by SQL batch in %,d ms%n", db, rows, insertMs);

      long[] add = new long[7];
      for (int i = 0; i < add.length; i++) {
        long t = System.nanoTime();
        admin.addField(system, "member", spec("extra" + i, FieldType.TEXT, Classification.PERSONAL, SearchMode.EXACT));
        add[i] = (System.nanoTime() - t) / 1_000;
      }
      report("add a field (" + rows + " records)", add);

      DataInventory inventory = app.getBean(DataInventory.class);
      long[] service = new long[12];
      for (int i = 0; i < service.length; i++) {
        long t = System.nanoTime();
        inventory.inventory(system);
        service[i] = (System.nanoTime() - t) / 1_000;
      }
      report("DataInventory.inventory()", Arrays.copyOfRange(service, 2, service.length));

      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
      String base = "http://localhost:" + port;
      String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
      if (!csrf.find()) {
        throw new IllegalStateException("no CSRF token on the sign-in page");
      }
      String form = "email=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
      http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
      long[] page = new long[12];
      int size = 0;
      for (int i = 0; i < page.length; i++) {
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/inventory")).build(), HttpResponse.BodyHandlers.ofString());
        page[i] = (System.nanoTime() - t) / 1_000;
        if (r.statusCode() != 200 || !r.body().contains("data-inventory=\"member\"")) {
          throw new IllegalStateException("inventory page answered " + r.statusCode());
        }
        size = r.body().length();
      }
      report("GET /admin/inventory (" + size / 1024 + " KiB)", Arrays.copyOfRange(page, 2, page.length));
    }
    System.exit(0);
  }

  private static FieldSpec spec(String name, FieldType type, Classification c, SearchMode search) {
    return new FieldSpec(name, name, type, c, name.equals("name"), search, name.equals("name"), Set.of("sales"), null, null, null, null, null,
        List.of(), null, null, null);
  }

  private static void insert(JdbcTemplate jdbc, int n) {
    Timestamp at = Timestamp.from(Instant.parse("2026-11-01T00:00:00Z"));
    UUID owner = UUID.randomUUID();
    List<Object[]> batch = new ArrayList<>(10_000);
    for (int i = 0; i < n; i++) {
      batch.add(new Object[] {UUID.randomUUID(), "member", owner, 1L, at, at, "sales", "{\"name\":\"member " + i + "\",\"tier\":\"" + (i % 3) + "\"}"});
      if (batch.size() == 10_000 || i == n - 1) {
        jdbc.batchUpdate("insert into record (id, object_type, owner_id, version, created_at, updated_at, purposes, plain) values (?, ?, ?, ?, ?, ?, ?, ?)",
            batch);
        batch.clear();
      }
    }
  }

  /** The fill counts the write path would have kept for these rows: one row per field, as after compaction. */
  private static void counts(JdbcTemplate jdbc, int n) {
    String sql = "insert into field_fill_count (object_type, field, purposes, filled) values ('member', ?, 'sales', ?)";
    jdbc.update(sql, "*", n);
    jdbc.update(sql, "name", n);
    jdbc.update(sql, "tier", n);
    jdbc.update(sql, "email", n * 8L / 10);
    jdbc.update(sql, "phone", n / 2);
    jdbc.update(sql, "diagnosis", n / 10);
    jdbc.update(sql, "allergies", n / 20);
  }

  private static void report(String what, long[] micros) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    System.out.printf("%-45s median %8.1f ms   max %8.1f ms   (n=%d)%n", what, sorted[sorted.length / 2] / 1000.0, sorted[sorted.length - 1] / 1000.0,
        sorted.length);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
