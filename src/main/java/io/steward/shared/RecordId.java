package io.steward.shared;

import java.util.Objects;
import java.util.UUID;

/** The identity of one record of any object type. */
public record RecordId(UUID value) {

  public RecordId {
    Objects.requireNonNull(value, "value");
  }

  public static RecordId random() {
    return new RecordId(UUID.randomUUID());
  }

  /** Parses a client-supplied id; an id that is not a UUID is treated as one that does not exist. */
  public static java.util.Optional<RecordId> parse(String text) {
    try {
      return java.util.Optional.of(new RecordId(UUID.fromString(text)));
    } catch (IllegalArgumentException | NullPointerException e) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
