package io.steward.records.store;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The exposure_snapshot table: one exposure figure per object type and day. */
@Repository
public class ExposureStore {

  public record Snapshot(LocalDate day, String objectType, long sensitiveValues, int readers, long exposure) {}

  private final JdbcClient jdbc;

  public ExposureStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Replaces the day's figures (the last computation of a day wins). */
  public void save(LocalDate day, List<Snapshot> snapshots) {
    jdbc.sql("delete from exposure_snapshot where snapshot_day = :d").param("d", day).update();
    for (Snapshot s : snapshots) {
      jdbc.sql("insert into exposure_snapshot (snapshot_day, object_type, sensitive_values, readers, exposure) values (:d, :t, :v, :r, :e)")
          .param("d", day)
          .param("t", s.objectType())
          .param("v", s.sensitiveValues())
          .param("r", s.readers())
          .param("e", s.exposure())
          .update();
    }
  }

  public boolean exists(LocalDate day) {
    return jdbc.sql("select count(*) from exposure_snapshot where snapshot_day = :d").param("d", day).query(Integer.class).single() > 0;
  }

  public List<Snapshot> since(LocalDate from) {
    return jdbc.sql("select snapshot_day, object_type, sensitive_values, readers, exposure from exposure_snapshot where snapshot_day >= :d order by snapshot_day")
        .param("d", from)
        .query((rs, n) -> new Snapshot(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getLong(5)))
        .list();
  }
}
