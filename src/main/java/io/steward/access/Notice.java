package io.steward.access;

import java.time.Instant;
import java.util.UUID;

/** An in-app notice to a user. */
public record Notice(UUID id, String kind, String message, String link, Instant createdAt, Instant readAt) {}
