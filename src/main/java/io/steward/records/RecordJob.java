package io.steward.records;

import java.time.Instant;
import java.util.UUID;

/**
 * A background rewrite of existing records after a schema change: {@code RESEAL} moves values to the tier of a
 * field's new classification and re-indexes them, {@code ERASE} removes a retired field's values.
 */
public record RecordJob(
    UUID id, Kind kind, String objectType, String field, String status, long processed, long changed, String requestedBy, Instant createdAt,
    Instant finishedAt) {

  public enum Kind { RESEAL, ERASE }

  public boolean finished() {
    return finishedAt != null;
  }
}
