package io.steward.audit.write;

import io.steward.audit.AuditEvent;

/**
 * Checks an event against the column sizes before it is queued, so that one oversized event fails its own
 * caller instead of the whole batch it would share. The user agent (client-controlled) is cut to size rather
 * than refused; NUL characters, which PostgreSQL text cannot hold, become U+FFFD.
 */
final class EventLimits {

  static final int USER_AGENT = 1000;

  private EventLimits() {}

  static AuditEvent checked(AuditEvent e) {
    require("action", e.action(), 64);
    if (e.action().isBlank()) {
      throw new IllegalArgumentException("An audit event needs an action");
    }
    require("actorId", e.actorId(), 128);
    require("objectType", e.objectType(), 64);
    require("outcome", e.outcome(), 16);
    require("ip", e.ip(), 64);
    require("requestId", e.requestId(), 128);
    require("reason", e.reason(), 1000);
    for (String id : e.recordIds()) {
      require("record id", id, 64);
    }
    String userAgent = e.userAgent();
    if (userAgent != null && userAgent.length() > USER_AGENT) {
      userAgent = userAgent.substring(0, USER_AGENT);
    }
    return new AuditEvent(e.at(), clean(e.action()), clean(e.actorId()), clean(e.objectType()), e.recordIds(), e.fields(),
        clean(e.reason()), clean(e.outcome()), clean(e.ip()), clean(userAgent), clean(e.requestId()), e.details());
  }

  private static void require(String name, String value, int max) {
    if (value != null && value.length() > max) {
      // The value itself is never echoed: it may be client-supplied.
      throw new IllegalArgumentException("Audit event " + name + " is longer than " + max + " characters");
    }
  }

  private static String clean(String value) {
    return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
  }
}
