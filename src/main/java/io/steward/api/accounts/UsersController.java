package io.steward.api.accounts;

import io.steward.access.AccessPolicy;
import io.steward.access.Accounts;
import io.steward.access.Accounts.UserSummary;
import io.steward.access.AdminPermission;
import io.steward.access.ApiTokens;
import io.steward.access.Grants;
import io.steward.access.Principal;
import io.steward.access.Roles;
import io.steward.access.Sessions;
import io.steward.access.UserKind;
import io.steward.api.accounts.AccountJson.GrantResponse;
import io.steward.api.accounts.AccountJson.UserDetailResponse;
import io.steward.api.accounts.AccountJson.UserResponse;
import io.steward.api.accounts.AccountRequests.CreateGrant;
import io.steward.api.accounts.AccountRequests.CreateUser;
import io.steward.api.json.ApiJson;
import io.steward.api.problems.ApiException;
import io.steward.api.problems.NeverKeep;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration for API clients: accounts, grants, disabling, ending sessions, tokens, roles. Every
 * call needs the MANAGE_USERS permission, as the access policy decides; the work is done by the access module.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users", description = "Accounts, grants, sessions and tokens of other users. Requires the manage-users permission.")
@SecurityRequirement(name = "bearer")
class UsersController {

  private final Accounts accounts;
  private final Grants grants;
  private final ApiTokens tokens;
  private final Roles roles;
  private final Sessions sessions;
  private final AccessPolicy policy;
  private final ApiJson json;
  private final NeverKeep neverKeep;
  private final Clock clock;

  UsersController(Accounts accounts, Grants grants, ApiTokens tokens, Roles roles, Sessions sessions, AccessPolicy policy, ApiJson json,
      NeverKeep neverKeep, Clock clock) {
    this.accounts = accounts;
    this.grants = grants;
    this.tokens = tokens;
    this.roles = roles;
    this.sessions = sessions;
    this.policy = policy;
    this.json = json;
    this.neverKeep = neverKeep;
    this.clock = clock;
  }

  @GetMapping("/users")
  @Operation(summary = "List users", description = "Every account with the roles in force now.")
  Map<String, Object> list(Principal p) {
    requireAdmin(p);
    Instant now = clock.instant();
    return Map.of("items", accounts.all().stream().map(u -> AccountJson.user(u, grants.forUser(u.id()), now)).toList());
  }

  @PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create a user", description = "Creates the account only; grant a role with POST /api/v1/users/{id}/grants.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
      schema = @Schema(implementation = CreateUser.class)))
  ResponseEntity<UserDetailResponse> create(Principal p, @RequestBody byte[] body) {
    requireAdmin(p);
    CreateUser r = json.read(body, CreateUser.class);
    if (r.email() == null || r.email().isBlank()) {
      throw ApiException.invalid("email", "required", "Give the user's email address.");
    }
    neverKeep.check("displayName", r.displayName());
    neverKeep.check("team", r.team());
    UUID id = accounts.createUser(p, new Accounts.NewUser(r.email(), r.displayName(), r.password(), kind(r.kind()), r.team(), r.sponsorId()));
    return ResponseEntity.created(URI.create("/api/v1/users/" + id)).body(detail(user(id)));
  }

  @GetMapping("/users/{id}")
  @Operation(summary = "Read a user", description = "The account with all its grants, past and present, and its number of open sessions.")
  UserDetailResponse get(Principal p, @PathVariable String id) {
    requireAdmin(p);
    return detail(user(id));
  }

  @PostMapping(path = "/users/{id}/grants", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Grant a role", description = "Vendor and contractor grants must expire. Takes effect at once.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
      schema = @Schema(implementation = CreateGrant.class)))
  ResponseEntity<GrantResponse> grant(Principal p, @PathVariable String id, @RequestBody byte[] body) {
    requireAdmin(p);
    UserSummary u = user(id);
    CreateGrant r = json.read(body, CreateGrant.class);
    if (r.role() == null || r.role().isBlank()) {
      throw ApiException.invalid("role", "required", "Name the role to grant. GET /api/v1/roles lists them.");
    }
    if (roles.find(r.role()).isEmpty()) {
      throw ApiException.invalid("role", "unknown", "There is no role by that name. GET /api/v1/roles lists them.");
    }
    neverKeep.check("reason", r.reason());
    String networks = r.allowedNetworks() == null ? null : String.join(",", r.allowedNetworks());
    UUID grantId = accounts.grant(p, u.id(), r.role(), r.expiresAt(), networks, r.allowedHours(), r.reason());
    Instant now = clock.instant();
    GrantResponse g = grants.forUser(u.id()).stream().filter(x -> x.id().equals(grantId)).findFirst()
        .map(x -> AccountJson.grant(x, now)).orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED).body(g);
  }

  @DeleteMapping("/grants/{id}")
  @Operation(summary = "Revoke a grant", description = "Takes effect at once, for open sessions and API tokens too.")
  ResponseEntity<Void> revokeGrant(Principal p, @PathVariable String id) {
    requireAdmin(p);
    UUID grantId = Ids.parse(id).orElseThrow(UsersController::noSuchGrant);
    if (!accounts.revokeGrant(p, grantId)) {
      throw noSuchGrant();
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/users/{id}/disable")
  @Operation(summary = "Disable a user", description = "Ends their sessions and stops their tokens at once.")
  UserDetailResponse disable(Principal p, @PathVariable String id) {
    requireAdmin(p);
    UserSummary u = user(id);
    if (u.id().equals(p.userId())) {
      throw ApiException.invalid("id", "self", "You cannot disable your own account; ask another administrator.");
    }
    accounts.setEnabled(p, u.id(), false);
    return detail(user(id));
  }

  @PostMapping("/users/{id}/enable")
  @Operation(summary = "Enable a user")
  UserDetailResponse enable(Principal p, @PathVariable String id) {
    requireAdmin(p);
    accounts.setEnabled(p, user(id).id(), true);
    return detail(user(id));
  }

  @PostMapping("/users/{id}/sessions/end")
  @Operation(summary = "End a user's browser sessions", description = "API tokens stay valid; revoke them separately.")
  Map<String, Object> endSessions(Principal p, @PathVariable String id) {
    requireAdmin(p);
    return Map.of("ended", accounts.endSessions(p, user(id).id()));
  }

  @GetMapping("/users/{id}/tokens")
  @Operation(summary = "A user's API tokens", description = "Names, hints and use; never the token text.")
  Map<String, Object> tokensOf(Principal p, @PathVariable String id) {
    requireAdmin(p);
    Instant now = clock.instant();
    return Map.of("items", tokens.of(user(id).id()).stream().map(t -> AccountJson.token(t, now)).toList());
  }

  @GetMapping("/roles")
  @Tag(name = "Users")
  @Operation(summary = "List roles", description = "What each role permits: object actions, field levels, record scope, admin powers.")
  Map<String, Object> roles(Principal p) {
    requireAdmin(p);
    return Map.of("items", roles.all().stream().map(AccountJson::role).toList());
  }

  private void requireAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_USERS)) {
      throw ApiException.forbidden("Your roles do not allow you to manage users.");
    }
  }

  private UserSummary user(String id) {
    return Ids.parse(id).flatMap(accounts::find).orElseThrow(() -> ApiException.notFound("There is no user with this id."));
  }

  private UserSummary user(UUID id) {
    return accounts.find(id).orElseThrow(() -> ApiException.notFound("There is no user with this id."));
  }

  private UserDetailResponse detail(UserSummary u) {
    return AccountJson.detail(u, grants.forUser(u.id()), sessions.activeOf(u.id()).size(), clock.instant());
  }

  private static UserKind kind(String kind) {
    if (kind == null || kind.isBlank()) {
      return UserKind.STAFF;
    }
    try {
      return UserKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("kind", "option", "kind must be one of: staff, contractor, vendor.");
    }
  }

  private static ApiException noSuchGrant() {
    return ApiException.notFound("There is no grant with this id.");
  }
}
