package io.steward.records;

import io.steward.shared.RecordId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A record as one caller may see it: hidden fields are absent, masked ones carry a mask. Values are in schema
 * order; {@code purposes} are the names of the purposes the record is held for. Never prints a value.
 */
public record RecordView(
    RecordId id, String objectType, long version, Instant createdAt, Instant updatedAt, UUID ownerId, String team, String title,
    Map<String, FieldValue> values, java.util.List<String> purposes) {

  public RecordView {
    purposes = purposes == null ? java.util.List.of() : java.util.List.copyOf(purposes);
  }

  public Object value(String field) {
    return values.get(field) instanceof FieldValue.Shown s ? s.value() : null;
  }

  @Override
  public String toString() {
    return "RecordView[" + objectType + " " + id + " v" + version + "]";
  }
}
