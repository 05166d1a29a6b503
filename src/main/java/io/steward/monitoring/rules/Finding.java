package io.steward.monitoring.rules;

import io.steward.monitoring.Rule;
import java.time.Instant;
import java.util.UUID;

/**
 * A rule that fired: about a user (userId) or, for sign-in rules, an address (ip). {@code records} is the
 * count that crossed the line; the summary names counts and limits, never personal values.
 */
public record Finding(Rule rule, UUID userId, String ip, Instant at, long records, String summary) {

  public String subject() {
    return userId != null ? userId.toString() : "ip:" + ip;
  }
}
