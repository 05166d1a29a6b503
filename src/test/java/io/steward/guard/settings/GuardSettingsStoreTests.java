package io.steward.guard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.guard.Checksum;
import io.steward.guard.CustomDetectorSpec;
import io.steward.guard.DetectorInfo;
import io.steward.guard.InvalidCustomDetectorException;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.guard.settings.GuardSettings.StoredCustomDetector;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store on H2 in PostgreSQL mode and on a real PostgreSQL (embedded), each migrated by the
 * module's own Flyway script alone.
 */
class GuardSettingsStoreTests {

  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private static final CustomDetectorSpec BADGE =
      new CustomDetectorSpec(
          "employee-badge",
          "Employee badge number",
          "\\bEMP-\\d{6}\\b",
          Checksum.LUHN,
          List.of("badge", "staff no"),
          "This looks like an employee badge number. Keep badge numbers in the HR system.");

  /** A fresh, migrated database of the given kind and a store on it. */
  private static GuardSettingsStore store(String database) {
    DataSource dataSource = "h2".equals(database) ? h2() : postgres();
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/guard")
        .load()
        .migrate();
    return new GuardSettingsStore(JdbcClient.create(dataSource));
  }

  private static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:guard-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    return dataSource;
  }

  private static synchronized DataSource postgres() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
      }
      String name = "guard_" + databases.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("create database " + name);
      }
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(postgres.getJdbcUrl("postgres", name));
      dataSource.setUser("postgres");
      return dataSource;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void startsWithNoChoicesStored(String database) {
    GuardSettingsStore store = store(database);
    assertThat(store.load()).isEqualTo(GuardSettings.DEFAULTS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void storesDetectorSwitchesAndChangesThem(String database) {
    GuardSettingsStore store = store(database);
    store.setDetectorEnabled("credit-score", false);
    store.setDetectorEnabled("passport-number", false);
    store.setDetectorEnabled("passport-number", true);

    assertThat(store.load().switches())
        .isEqualTo(Map.of("credit-score", false, "passport-number", true));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void roundTripsACustomDetector(String database) {
    GuardSettingsStore store = store(database);
    store.addCustomDetector(BADGE);

    assertThat(store.load().custom()).containsExactly(new StoredCustomDetector(BADGE, true));

    assertThat(store.setCustomDetectorEnabled("employee-badge", false)).isTrue();
    assertThat(store.load().custom()).containsExactly(new StoredCustomDetector(BADGE, false));

    assertThat(store.removeCustomDetector("employee-badge")).isTrue();
    assertThat(store.load().custom()).isEmpty();
    assertThat(store.removeCustomDetector("employee-badge")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void roundTripsACustomDetectorWithoutContextWords(String database) {
    GuardSettingsStore store = store(database);
    CustomDetectorSpec plain =
        new CustomDetectorSpec("plain", "Plain", "X\\d{4}", Checksum.NONE, List.of(), "Do not.");
    store.addCustomDetector(plain);

    assertThat(store.load().custom()).extracting(StoredCustomDetector::spec).containsExactly(plain);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void refusesADuplicateSlug(String database) {
    GuardSettingsStore store = store(database);
    store.addCustomDetector(BADGE);

    assertThatThrownBy(() -> store.addCustomDetector(BADGE))
        .isInstanceOf(InvalidCustomDetectorException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void aGuardKeepsItsChoicesAcrossRestartsAndSeesOtherNodesOnReload(String database) {
    GuardSettingsStore store = store(database);
    ProhibitedDataGuard node1 = new ProhibitedDataGuard(store);
    ProhibitedDataGuard node2 = new ProhibitedDataGuard(store);

    node1.disable("credit-score");
    node1.addCustomDetector(BADGE);

    assertThat(enabled(new ProhibitedDataGuard(store), "credit-score")).isFalse();
    assertThat(enabled(node2, "credit-score")).isTrue();
    assertThat(node2.inspect("Credit score 712")).isPresent();

    node2.reload();

    assertThat(enabled(node2, "credit-score")).isFalse();
    assertThat(node2.inspect("Credit score 712")).isEmpty();
    assertThat(node2.detectors()).extracting(DetectorInfo::id).contains("custom:employee-badge");
  }

  private static boolean enabled(ProhibitedDataGuard guard, String id) {
    return guard.detectors().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow().enabled();
  }
}
