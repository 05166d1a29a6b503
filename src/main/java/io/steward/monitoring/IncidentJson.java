package io.steward.monitoring;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An incident as the API ({@code GET /api/v1/security/incidents}) and the webhook give it out: ids, rule, response,
 * status, times and a record count. The summary names counts and limits, never a record's value.
 */
public final class IncidentJson {

  private IncidentJson() {}

  public static Map<String, Object> of(Incident i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id().toString());
    m.put("rule", i.rule().id());
    m.put("ruleLabel", i.rule().label());
    m.put("response", i.response().name().toLowerCase());
    m.put("userId", i.userId() == null ? null : i.userId().toString());
    m.put("ip", i.ip());
    m.put("summary", i.summary());
    m.put("status", i.status().name().toLowerCase());
    m.put("openedAt", i.openedAt().toString());
    m.put("records", i.records());
    m.put("containedAt", text(i.contained()));
    m.put("escalatedAt", text(i.escalatedAt()));
    m.put("acknowledgedBy", i.acknowledgedBy());
    m.put("acknowledgedAt", text(i.acknowledgedAt()));
    m.put("resolvedBy", i.resolvedBy());
    m.put("resolvedAt", text(i.resolvedAt()));
    return m;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
