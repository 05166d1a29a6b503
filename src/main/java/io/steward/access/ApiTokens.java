package io.steward.access;

import io.steward.access.store.SessionStore;
import io.steward.access.store.SessionStore.TokenRow;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Personal API tokens: shown once, stored as a SHA-256 hash, always expiring, revocable at once. */
@Service
public class ApiTokens {

  public static final String PREFIX = "stw_";
  public static final Duration MAX_PRIVILEGED_LIFETIME = Duration.ofDays(7);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

  private final SessionStore store;
  private final Principals principals;
  private final AccessChanges changes;
  private final AuditTrail audit;
  private final AccessProperties properties;
  private final Clock clock;
  private final StepUp stepUp;
  private final Map<String, TokenRow> cache = new ConcurrentHashMap<>();

  ApiTokens(SessionStore store, Principals principals, AccessChanges changes, AuditTrail audit, AccessProperties properties, Clock clock,
      StepUp stepUp) {
    this.stepUp = stepUp;
    this.store = store;
    this.principals = principals;
    this.changes = changes;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
    changes.onChange(cache::clear);
  }

  /** The token text, shown once. */
  public record IssuedToken(UUID id, String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedToken[" + id + ", ***]";
    }
  }

  public record TokenInfo(UUID id, String name, String hint, Instant createdAt, Instant expiresAt, Instant lastUsedAt, String lastIp,
      String lastUserAgent, Instant revokedAt, boolean privileged) {}

  @Transactional
  public IssuedToken create(Principal actor, UUID userId, String name, Duration lifetime) {
    return create(actor, userId, name, lifetime, false);
  }

  /**
   * Issues a token. A privileged token may do step-up actions (reveal, export, role and grant changes) without an
   * interactive second factor, so creating one needs a fresh second factor itself (or the operator's CLI), and it
   * lives at most {@link #MAX_PRIVILEGED_LIFETIME}.
   */
  @Transactional
  public IssuedToken create(Principal actor, UUID userId, String name, Duration lifetime, boolean privileged) {
    if (privileged) {
      stepUp.require(actor, StepUp.CHANGE_GRANTS);
      if (lifetime != null && lifetime.compareTo(MAX_PRIVILEGED_LIFETIME) > 0) {
        throw new AccessRequestException("expiresIn", "A privileged token lives at most " + MAX_PRIVILEGED_LIFETIME.toDays() + " days.");
      }
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new AccessRequestException("name", "Give the token a name of at most 100 characters, so you can recognise it later.");
    }
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(properties.maxTokenLifetime()) > 0) {
      throw new AccessRequestException("expiresIn", "A token must expire, within " + properties.maxTokenLifetime().toDays() + " days.");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    Instant expires = now.plus(lifetime);
    store.insertToken(new TokenRow(id, userId, name.trim(), token.substring(0, 8), expires, now, null, null, null, null, privileged),
        Sessions.hash(token));
    audit.record(new AuditEvent(now, AuditActions.TOKEN_CREATED, actor.actorId(), "api-token", List.of(id.toString()), List.of(), null,
        "success", actor.request().ip(), actor.request().userAgent(), actor.request().requestId(),
        Map.of("user", userId.toString(), "expiresAt", expires.toString(), "privileged", Boolean.toString(privileged))));
    return new IssuedToken(id, token, expires);
  }

  /** The principal behind a bearer token, if the token is valid and the user's access is in force. */
  public Optional<Principal> resolve(String token, RequestInfo request) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    String hash = Sessions.hash(token);
    TokenRow t = cache.computeIfAbsent(hash, h -> store.findTokenByHash(h).orElse(null));
    Instant now = clock.instant();
    if (t == null || t.revokedAt() != null || !t.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    Optional<Principal> principal = principals.resolve(t.userId(), request);
    if (principal.isPresent() && (t.lastUsedAt() == null || Duration.between(t.lastUsedAt(), now).compareTo(TOUCH_EVERY) > 0)) {
      store.touchToken(t.id(), now, request.ip(), request.userAgent());
      cache.put(hash, new TokenRow(t.id(), t.userId(), t.name(), t.hint(), t.expiresAt(), t.createdAt(), now, request.ip(),
          request.userAgent(), null, t.privileged()));
    }
    return principal.map(p -> forToken(p, t, now));
  }

  /**
   * A privileged token stands for a fresh second factor; an ordinary one never satisfies step-up. A token made
   * before a demand for a fresh second factor ({@link FreshMfa}) cannot give one, privileged or not: it keeps
   * owing (mfaAt null) until it is replaced by a token made after the demand.
   */
  private static Principal forToken(Principal p, TokenRow t, Instant now) {
    if (p.freshMfaSince() != null && !t.createdAt().isAfter(p.freshMfaSince())) {
      return p;
    }
    Principal owingNothing = p.withFreshMfaSince(null);
    return t.privileged() ? owingNothing.withMfaAt(now) : owingNothing;
  }

  @Transactional
  public boolean revoke(Principal actor, UUID tokenId) {
    Optional<TokenRow> t = store.findToken(tokenId);
    if (t.isEmpty() || store.revokeToken(tokenId, clock.instant()) == 0) {
      return false;
    }
    audit.record(new AuditEvent(clock.instant(), AuditActions.TOKEN_REVOKED, actor.actorId(), "api-token", List.of(tokenId.toString()),
        List.of(), null, "success", actor.request().ip(), actor.request().userAgent(), actor.request().requestId(),
        Map.of("user", t.get().userId().toString())));
    changes.changed();
    return true;
  }

  public Optional<UUID> ownerOf(UUID tokenId) {
    return store.findToken(tokenId).map(TokenRow::userId);
  }

  public List<TokenInfo> of(UUID userId) {
    return store.tokensOf(userId).stream()
        .map(t -> new TokenInfo(t.id(), t.name(), t.hint(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.lastIp(), t.lastUserAgent(),
            t.revokedAt(), t.privileged()))
        .toList();
  }

  /** Parses "30d", "12h", "90m" or an ISO-8601 duration. */
  public static Duration parseLifetime(String text) {
    if (text == null || text.isBlank()) {
      throw new AccessRequestException("expiresIn", "Say when the token expires, e.g. 30d.");
    }
    String t = text.trim().toLowerCase();
    try {
      if (t.matches("\\d+d")) {
        return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.matches("\\d+h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.matches("\\d+m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.parse(text.trim().toUpperCase());
    } catch (RuntimeException e) {
      throw new AccessRequestException("expiresIn", "Write the lifetime as 30d, 12h or 90m.");
    }
  }
}
