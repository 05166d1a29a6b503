package io.steward.guard.detect;

import io.steward.guard.Confidence;

/** One never-keep rule. Implementations are immutable and safe to share between threads. */
public interface Detector {

  String id();

  String name();

  /** The rules, in a sentence or two, for settings screens and docs. */
  String description();

  /** What the person should do instead; never contains the inspected value. */
  String advice();

  boolean builtin();

  /** The confidence of the strongest finding in the text, or {@code null} when there is none. */
  Confidence find(TextScan scan);
}
