package io.steward.schema;

import java.time.Instant;

/** One version of a field's definition: what changed, who changed it, and the definition as JSON. */
public record FieldHistoryEntry(int version, String change, String definitionJson, String changedBy, Instant changedAt) {}
