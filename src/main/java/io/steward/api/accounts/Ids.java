package io.steward.api.accounts;

import java.util.Optional;
import java.util.UUID;

/** Ids from the URL: one that is not a UUID names nothing, and is answered like an unknown one. */
final class Ids {

  private Ids() {}

  static Optional<UUID> parse(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
