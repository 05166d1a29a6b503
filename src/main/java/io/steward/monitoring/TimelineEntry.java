package io.steward.monitoring;

import java.time.Instant;
import java.util.List;

/** One audited action in an incident's timeline: what (record ids, field names — never values), by whom, from where. */
public record TimelineEntry(Instant at, String action, String actorId, String objectType, List<String> recordIds, List<String> fields,
    String outcome, String ip, String userAgent) {}
