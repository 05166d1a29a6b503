package io.steward.monitoring;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.monitoring.baseline.Baseline;
import io.steward.monitoring.baseline.RecentIds;
import io.steward.monitoring.rules.Finding;
import io.steward.monitoring.rules.HourRange;
import io.steward.monitoring.rules.RuleContext;
import io.steward.monitoring.rules.UserActivity;
import io.steward.monitoring.rules.UserFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One user's rules fed with audit events at times the test controls (the rules run on event time, so this
 * clock is all the clock they know). Starts on a Monday at 10:00 UTC.
 */
final class RuleFixture {

  final UUID user = UUID.randomUUID();
  final Map<Rule, RuleSetting> settings = new EnumMap<>(Rule.class);
  Instant now = Instant.parse("2026-11-02T10:00:00Z");
  String ip = "198.51.100.7";
  UserActivity activity;
  private int nextId;

  RuleFixture() {
    this(new UserFacts(false, Instant.parse("2026-11-01T09:00:00Z")));
  }

  RuleFixture(UserFacts facts) {
    for (Rule r : Rule.values()) {
      settings.put(r, r.defaults());
    }
    activity = new UserActivity(user, facts, new Baseline());
  }

  RuleContext context() {
    return new RuleContext(settings::get, 7, HourRange.parse("07-19"));
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  String newId() {
    return new UUID(42, ++nextId).toString();
  }

  /** An API request by this user's token from the current address, as the request filter reports it. */
  List<Finding> request() {
    return activity.onRequest(now, ip, "Mozilla/5.0 Test", true, context());
  }

  List<Finding> read(String id) {
    return event(AuditActions.RECORD_READ, List.of(id), null);
  }

  List<Finding> readNew() {
    return read(newId());
  }

  List<Finding> list(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(newId());
    }
    return event(AuditActions.RECORD_LIST, ids, null);
  }

  List<Finding> event(String action, List<String> ids, String requestId) {
    return activity.onEvent(new AuditEvent(now, action, user.toString(), "contact", ids, List.of("lastName"), null, "success", ip,
        "Mozilla/5.0 Test", requestId, Map.of()), context());
  }

  /** An ordinary working day: reads spread over 09:00–17:00, a few every 10 minutes. */
  void ordinaryDays(int days, int readsPer10Minutes) {
    for (int d = 0; d < days; d++) {
      Instant day = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
      for (int slot = 0; slot < 48; slot++) {
        now = day.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(10L * slot));
        for (int i = 0; i < readsPer10Minutes; i++) {
          readNew();
        }
      }
      now = day.plus(Duration.ofDays(1)).plus(Duration.ofHours(9));
    }
  }

  /**
   * How many of these records the monitor counts as read for the first time lately: its "read lately" set is one bit
   * per record in 16,384, so now and then a record looks read already (tests over HTTP use random record ids).
   */
  static int fresh(List<String> ids) {
    RecentIds seen = new RecentIds();
    Instant at = Instant.now();
    return (int) ids.stream().filter(id -> seen.firstSight(id, at)).count();
  }

  static List<Rule> rules(List<Finding> findings) {
    return findings.stream().map(Finding::rule).toList();
  }
}
