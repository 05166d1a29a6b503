package io.steward.api.accounts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request bodies for users and grants: only these fields are accepted, anything else is refused. */
final class AccountRequests {

  private AccountRequests() {}

  @Schema(description = "A new account. Grant it a role separately.")
  record CreateUser(
      @Schema(example = "pat.example@staff.example.test", requiredMode = Schema.RequiredMode.REQUIRED) String email,
      @Schema(example = "Pat Example") String displayName,
      @Schema(allowableValues = {"staff", "contractor", "vendor"}, defaultValue = "staff") String kind,
      @Schema(example = "north") String team,
      @Schema(description = "Required for vendors and contractors: the internal user who answers for them") UUID sponsorId,
      @Schema(description = "Optional; without one the user cannot sign in to the web UI until a password is set",
          accessMode = Schema.AccessMode.WRITE_ONLY) String password) {

    @Override
    public String toString() {
      return "CreateUser[***]";
    }
  }

  @Schema(description = "A role for a user, optionally limited in time, networks and hours (UTC)")
  record CreateGrant(
      @Schema(example = "sales", requiredMode = Schema.RequiredMode.REQUIRED) String role,
      @Schema(description = "Required for vendors and contractors", example = "2030-01-31T00:00:00Z") Instant expiresAt,
      @Schema(example = "[\"203.0.113.0/24\"]") List<String> allowedNetworks,
      @Schema(example = "08-18") String allowedHours,
      @Schema(example = "Covers the spring campaign") String reason) {}
}
