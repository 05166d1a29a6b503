package io.steward.crypto;

import io.steward.shared.Classification;
import java.util.Optional;

/** A protected tier of a record: its values are sealed together under one data key. */
public enum Tier {
  PERSONAL,
  SENSITIVE;

  public static Optional<Tier> of(Classification classification) {
    return switch (classification) {
      case PERSONAL -> Optional.of(PERSONAL);
      case SENSITIVE -> Optional.of(SENSITIVE);
      default -> Optional.empty();
    };
  }

  String keysetName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
