package io.steward.records.store;

import io.steward.records.RecordPurpose;
import io.steward.schema.LegalBasis;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record_purpose table: each record's purposes with legal basis and source. */
@Repository
public class RecordPurposeStore {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public RecordPurposeStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public List<RecordPurpose> of(UUID recordId) {
    return jdbc.sql("select purpose, basis, source, consent_at, consent_text from record_purpose where record_id = :id order by purpose")
        .param("id", recordId)
        .query((rs, n) -> {
          OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
          return new RecordPurpose(rs.getString(1), LegalBasis.parse(rs.getString(2)).orElse(LegalBasis.LEGITIMATE_INTEREST), rs.getString(3),
              at == null ? null : at.toInstant(), rs.getString(5));
        })
        .list();
  }

  /** Replaces a record's purposes; unchanged ones keep their rows (and so their original time and author). */
  public void replace(UUID recordId, List<RecordPurpose> purposes, String actor, Instant now) {
    List<RecordPurpose> current = of(recordId);
    for (RecordPurpose c : current) {
      if (!purposes.contains(c)) {
        jdbc.sql("delete from record_purpose where record_id = :id and purpose = :p").param("id", recordId).param("p", c.purpose()).update();
      }
    }
    insertAll(Map.of(recordId, purposes.stream().filter(p -> !current.contains(p)).toList()), actor, now);
  }

  /** Adds purposes to records, in one batch. */
  public void insertAll(Map<UUID, List<RecordPurpose>> purposesById, String actor, Instant now) {
    List<Object[]> rows = new ArrayList<>();
    purposesById.forEach((recordId, purposes) -> {
      for (RecordPurpose p : purposes) {
        rows.add(new Object[] {recordId, p.purpose(), p.basis().apiName(), p.source(), ts(p.consentAt()), p.consentText(), ts(now), actor});
      }
    });
    if (!rows.isEmpty()) {
      batch.batchUpdate("insert into record_purpose (record_id, purpose, basis, source, consent_at, consent_text, added_at, added_by) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }
  }

  public void deleteAll(UUID recordId) {
    jdbc.sql("delete from record_purpose where record_id = :id").param("id", recordId).update();
  }

  private static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }
}
