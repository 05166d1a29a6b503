package io.steward.api.accounts;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.api.problems.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, and the caller's own API tokens. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Me", description = "The calling user and their own API tokens")
@SecurityRequirement(name = "bearer")
class MeController {

  private final ApiTokens tokens;
  private final AccessPolicy policy;
  private final Clock clock;

  MeController(ApiTokens tokens, AccessPolicy policy, Clock clock) {
    this.tokens = tokens;
    this.policy = policy;
    this.clock = clock;
  }

  record MeResponse(UUID id, String email, String displayName, String kind, String team, List<String> roles, String scope,
      List<String> admin) {}

  @GetMapping
  @Operation(summary = "Who am I", description = "Your account, the roles in force for this request, your record scope and admin powers.")
  MeResponse me(Principal p) {
    List<String> admin = Arrays.stream(AdminPermission.values()).filter(a -> policy.mayAdmin(p, a)).map(AccountJson::lower).toList();
    return new MeResponse(p.userId(), p.email(), p.displayName(), AccountJson.lower(p.kind()), p.team(), p.roleNames(),
        AccountJson.lower(policy.scope(p)), admin);
  }

  @GetMapping("/tokens")
  @Operation(summary = "My API tokens", description = "Names, hints and use of your tokens; never the token text.")
  Map<String, Object> myTokens(Principal p) {
    Instant now = clock.instant();
    return Map.of("items", tokens.of(p.userId()).stream().map(t -> AccountJson.token(t, now)).toList());
  }

  @DeleteMapping("/tokens/{id}")
  @Operation(summary = "Revoke one of my tokens", description = "Takes effect at once. A token that is not yours answers 404.")
  ResponseEntity<Void> revoke(Principal p, @PathVariable String id) {
    UUID tokenId = Ids.parse(id).orElseThrow(MeController::noSuchToken);
    Optional<UUID> owner = tokens.ownerOf(tokenId);
    if (owner.isEmpty() || !owner.get().equals(p.userId())) {
      throw noSuchToken();
    }
    tokens.revoke(p, tokenId);
    return ResponseEntity.noContent().build();
  }

  private static ApiException noSuchToken() {
    return ApiException.notFound("You have no token with this id.");
  }
}
