package io.steward.guard;

/** How sure a detector is that a text holds never-keep data. */
public enum Confidence {
  /** A weak signal; callers may warn instead of refusing. */
  LOW,
  /** Shape and context agree (for example a 3-digit number next to "CVV"). */
  MEDIUM,
  /** Shape and checksum or an unmistakable prefix agree. */
  HIGH
}
