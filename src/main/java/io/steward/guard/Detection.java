package io.steward.guard;

import java.util.Objects;

/**
 * The guard found never-keep data. Holds no part of the inspected text: only which rule fired, how
 * sure it is, and a sentence telling the person what to keep instead.
 */
public record Detection(String detectorId, Confidence confidence, String advice) {

  public Detection {
    Objects.requireNonNull(detectorId, "detectorId");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(advice, "advice");
  }

  @Override
  public String toString() {
    return "Detection[detectorId=" + detectorId + ", confidence=" + confidence + "]";
  }
}
