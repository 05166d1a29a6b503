package io.steward.access;

import java.time.Instant;
import java.util.UUID;

/** A role held by a user, as other modules see it: with its expiry, networks, hours and who granted it why. */
public record Grant(
    UUID id, UUID userId, String role, Instant expiresAt, UUID sponsorId, String allowedNetworks, String allowedHours, String reason,
    String createdBy, Instant createdAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }
}
