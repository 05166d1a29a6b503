package io.steward.monitoring.rules;

import java.time.Instant;

/** What the rules need to know about an account beyond its activity: external (vendor, contractor) and age. */
public record UserFacts(boolean external, Instant createdAt) {

  public static final UserFacts UNKNOWN = new UserFacts(false, null);
}
