package io.steward.guard;

/** Placeholder until the guard module lands (replaced by the guard branch). */
public enum Confidence { LOW, MEDIUM, HIGH }
