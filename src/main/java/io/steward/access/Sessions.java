package io.steward.access;

import io.steward.access.store.SessionStore;
import io.steward.access.store.SessionStore.SessionRow;
import io.steward.access.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Browser sessions kept in the database: the cookie holds a random secret, the table only its hash. Each
 * request re-checks revocation (cached until the next access change), idle timeout and absolute lifetime.
 */
@Service
public class Sessions {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

  private final SessionStore store;
  private final UserStore users;
  private final Principals principals;
  private final AccessProperties properties;
  private final AccessChanges changes;
  private final Clock clock;
  private final Map<String, SessionRow> cache = new ConcurrentHashMap<>();

  Sessions(SessionStore store, UserStore users, Principals principals, AccessProperties properties, AccessChanges changes, Clock clock) {
    this.store = store;
    this.users = users;
    this.principals = principals;
    this.properties = properties;
    this.changes = changes;
    this.clock = clock;
    changes.onChange(cache::clear);
  }

  public record StartedSession(String cookieValue, String id) {
    @Override
    public String toString() {
      return "StartedSession[***]";
    }
  }

  public record ActiveSession(String id, Instant createdAt, Instant lastSeenAt, String ip, String userAgent) {}

  public StartedSession start(UUID userId, RequestInfo request) {
    return start(userId, request, null, "password", null);
  }

  /**
   * Starts a session after a first factor. {@code pending} null means fully signed in; otherwise the session
   * reaches only the second-factor pages until {@link #complete} is called. {@code mfaAt} is set when the sign-in
   * itself was multi-factor (a passkey, or an identity provider that says so).
   */
  public StartedSession start(UUID userId, RequestInfo request, PendingSignIn.Stage pending, String method, Instant mfaAt) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String id = hash(cookie);
    Instant now = clock.instant();
    store.insertSession(new SessionRow(id, userId, now, now, now.plus(properties.sessionAbsoluteLifetime()), request.ip(),
        request.userAgent(), mfaAt, null, pending == null ? null : pending.code(), method));
    return new StartedSession(cookie, id);
  }

  /** The principal behind a session cookie, if the session and the user's access are both still in force. */
  public Optional<Principal> resolve(String cookieValue, RequestInfo request) {
    Optional<SessionRow> live = live(cookieValue);
    if (live.isEmpty() || live.get().pending() != null) {
      return Optional.empty();
    }
    SessionRow s = live.get();
    return principals.resolve(s.userId(), request).map(p -> p.withMfaAt(s.mfaAt()));
  }

  /** The half-finished sign-in behind a session cookie, if the session is live and still owes a second factor. */
  public Optional<PendingSignIn> pending(String cookieValue) {
    return live(cookieValue).filter(s -> s.pending() != null)
        .flatMap(s -> users.find(s.userId()).filter(UserStore.UserRow::enabled)
            .map(u -> new PendingSignIn(u.id(), u.email(), u.displayName(), PendingSignIn.Stage.of(s.pending()))));
  }

  /** The second factor is done: the session becomes fully signed in, with MFA now. */
  public void complete(String cookieValue) {
    sessionIdOf(cookieValue).ifPresent(id -> {
      store.completeSession(id, clock.instant());
      changes.changed(); // other nodes must stop treating the session as half-way
    });
  }

  private Optional<SessionRow> live(String cookieValue) {
    if (cookieValue == null || cookieValue.length() > 100) {
      return Optional.empty();
    }
    String id = hash(cookieValue);
    SessionRow s = cache.computeIfAbsent(id, k -> store.findSession(k).orElse(null));
    Instant now = clock.instant();
    if (s != null && s.revokedAt() == null && s.lastSeenAt().plus(properties.sessionIdleTimeout()).isBefore(now)) {
      s = store.findSession(id).orElse(null); // another node may have seen it more recently
    }
    if (s == null || s.revokedAt() != null || !s.expiresAt().isAfter(now) || s.lastSeenAt().plus(properties.sessionIdleTimeout()).isBefore(now)) {
      cache.remove(id);
      return Optional.empty();
    }
    if (Duration.between(s.lastSeenAt(), now).compareTo(TOUCH_EVERY) > 0) {
      store.touchSession(id, now);
      s = s.touched(now);
      cache.put(id, s);
    }
    return Optional.of(s);
  }

  public Optional<String> sessionIdOf(String cookieValue) {
    return cookieValue == null ? Optional.empty() : Optional.of(hash(cookieValue));
  }

  public Optional<Instant> mfaAt(String cookieValue) {
    return sessionIdOf(cookieValue).flatMap(store::findSession).map(SessionRow::mfaAt);
  }

  /** Records a second factor passed now (step-up), for this session only. */
  public void markMfa(String cookieValue) {
    sessionIdOf(cookieValue).ifPresent(id -> {
      store.markSessionMfa(id, clock.instant());
      changes.changed();
    });
  }

  public void end(String cookieValue) {
    sessionIdOf(cookieValue).ifPresent(id -> {
      store.revokeSession(id, clock.instant());
      changes.changed();
    });
  }

  public boolean endById(UUID userId, String sessionId) {
    boolean ended = store.activeSessionsOf(userId, clock.instant()).stream().anyMatch(s -> s.id().equals(sessionId))
        && store.revokeSession(sessionId, clock.instant()) == 1;
    if (ended) {
      changes.changed();
    }
    return ended;
  }

  public List<ActiveSession> activeOf(UUID userId) {
    return store.activeSessionsOf(userId, clock.instant()).stream()
        .map(s -> new ActiveSession(s.id(), s.createdAt(), s.lastSeenAt(), s.ip(), s.userAgent()))
        .toList();
  }

  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
