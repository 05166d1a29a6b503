package io.steward.guard.settings;

import io.steward.guard.Checksum;
import io.steward.guard.CustomDetectorSpec;
import io.steward.guard.InvalidCustomDetectorException;
import io.steward.guard.settings.GuardSettings.StoredCustomDetector;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The guard's switches and custom detectors in {@code guard_detector_setting} and friends. */
@Repository
public class GuardSettingsStore {

  private final JdbcClient jdbc;
  private final Clock clock;

  @Autowired
  public GuardSettingsStore(JdbcClient jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  public GuardSettingsStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public GuardSettings load() {
    Map<String, Boolean> switches = new LinkedHashMap<>();
    jdbc.sql("select detector_id, enabled from guard_detector_setting order by detector_id")
        .query((rs, n) -> switches.put(rs.getString("detector_id"), rs.getBoolean("enabled")))
        .list();
    List<StoredCustomDetector> custom =
        jdbc.sql(
                "select slug, name, pattern, checksum, context_words, advice, enabled"
                    + " from guard_custom_detector order by created_at, slug")
            .query(
                (rs, n) ->
                    new StoredCustomDetector(
                        new CustomDetectorSpec(
                            rs.getString("slug"),
                            rs.getString("name"),
                            rs.getString("pattern"),
                            Checksum.valueOf(rs.getString("checksum")),
                            words(rs.getString("context_words")),
                            rs.getString("advice")),
                        rs.getBoolean("enabled")))
            .list();
    return new GuardSettings(switches, custom);
  }

  /** Switches a built-in detector on or off (update, else insert: no dialect-specific upsert). */
  public void setDetectorEnabled(String detectorId, boolean enabled) {
    if (updateSwitch(detectorId, enabled) > 0) {
      return;
    }
    try {
      jdbc.sql(
              "insert into guard_detector_setting (detector_id, enabled, updated_at)"
                  + " values (:id, :enabled, :now)")
          .param("id", detectorId)
          .param("enabled", enabled)
          .param("now", now())
          .update();
    } catch (DuplicateKeyException concurrentInsert) {
      updateSwitch(detectorId, enabled);
    }
  }

  /**
   * Stores a new custom detector, enabled.
   *
   * @throws InvalidCustomDetectorException if one with the same slug exists
   */
  public void addCustomDetector(CustomDetectorSpec spec) {
    try {
      jdbc.sql(
              "insert into guard_custom_detector (slug, name, pattern, checksum, context_words,"
                  + " advice, enabled, created_at)"
                  + " values (:slug, :name, :pattern, :checksum, :words, :advice, true, :now)")
          .param("slug", spec.slug())
          .param("name", spec.name())
          .param("pattern", spec.pattern())
          .param("checksum", spec.checksum().name())
          .param("words", String.join("\n", spec.contextWords()))
          .param("advice", spec.advice())
          .param("now", now())
          .update();
    } catch (DuplicateKeyException e) {
      throw new InvalidCustomDetectorException(
          "A custom detector with this slug already exists; choose another slug or remove it"
              + " first.");
    }
  }

  /** Returns false when there is no custom detector with this slug. */
  public boolean setCustomDetectorEnabled(String slug, boolean enabled) {
    return jdbc.sql("update guard_custom_detector set enabled = :enabled where slug = :slug")
            .param("enabled", enabled)
            .param("slug", slug)
            .update()
        > 0;
  }

  /** Returns false when there is no custom detector with this slug. */
  public boolean removeCustomDetector(String slug) {
    return jdbc.sql("delete from guard_custom_detector where slug = :slug")
            .param("slug", slug)
            .update()
        > 0;
  }

  private int updateSwitch(String detectorId, boolean enabled) {
    return jdbc.sql(
            "update guard_detector_setting set enabled = :enabled, updated_at = :now"
                + " where detector_id = :id")
        .param("enabled", enabled)
        .param("now", now())
        .param("id", detectorId)
        .update();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static List<String> words(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
  }
}
