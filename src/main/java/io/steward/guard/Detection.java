package io.steward.guard;

/** Placeholder until the guard module lands (replaced by the guard branch). */
public record Detection(String detectorId, Confidence confidence, String advice) {}
