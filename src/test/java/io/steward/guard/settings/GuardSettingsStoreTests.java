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
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The store on H2 in PostgreSQL mode, migrated by the module's own Flyway script. */
class GuardSettingsStoreTests {

  private GuardSettingsStore store;

  private static final CustomDetectorSpec BADGE =
      new CustomDetectorSpec(
          "employee-badge",
          "Employee badge number",
          "\\bEMP-\\d{6}\\b",
          Checksum.LUHN,
          List.of("badge", "staff no"),
          "This looks like an employee badge number. Keep badge numbers in the HR system.");

  @BeforeEach
  void migrateAFreshDatabase() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:guard-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/guard")
        .load()
        .migrate();
    store = new GuardSettingsStore(JdbcClient.create(dataSource));
  }

  @Test
  void startsWithNoChoicesStored() {
    assertThat(store.load()).isEqualTo(GuardSettings.DEFAULTS);
  }

  @Test
  void storesDetectorSwitchesAndChangesThem() {
    store.setDetectorEnabled("credit-score", false);
    store.setDetectorEnabled("passport-number", false);
    store.setDetectorEnabled("passport-number", true);

    assertThat(store.load().switches())
        .isEqualTo(Map.of("credit-score", false, "passport-number", true));
  }

  @Test
  void roundTripsACustomDetector() {
    store.addCustomDetector(BADGE);

    assertThat(store.load().custom()).containsExactly(new StoredCustomDetector(BADGE, true));

    assertThat(store.setCustomDetectorEnabled("employee-badge", false)).isTrue();
    assertThat(store.load().custom()).containsExactly(new StoredCustomDetector(BADGE, false));

    assertThat(store.removeCustomDetector("employee-badge")).isTrue();
    assertThat(store.load().custom()).isEmpty();
    assertThat(store.removeCustomDetector("employee-badge")).isFalse();
  }

  @Test
  void roundTripsACustomDetectorWithoutContextWords() {
    CustomDetectorSpec plain =
        new CustomDetectorSpec("plain", "Plain", "X\\d{4}", Checksum.NONE, List.of(), "Do not.");
    store.addCustomDetector(plain);

    assertThat(store.load().custom()).extracting(StoredCustomDetector::spec).containsExactly(plain);
  }

  @Test
  void refusesADuplicateSlug() {
    store.addCustomDetector(BADGE);

    assertThatThrownBy(() -> store.addCustomDetector(BADGE))
        .isInstanceOf(InvalidCustomDetectorException.class);
  }

  @Test
  void aGuardKeepsItsChoicesAcrossRestartsAndSeesOtherNodesOnReload() {
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
