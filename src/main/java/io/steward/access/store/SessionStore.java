package io.steward.access.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Browser sessions (by the hash of their cookie), API tokens (by hash), setup tokens and the access version. */
@Repository
public class SessionStore {

  public record SessionRow(
      String id, UUID userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt, String ip, String userAgent, Instant mfaAt,
      Instant revokedAt, String pending, String authMethod) {

    public SessionRow touched(Instant at) {
      return new SessionRow(id, userId, createdAt, at, expiresAt, ip, userAgent, mfaAt, revokedAt, pending, authMethod);
    }
  }

  public record TokenRow(
      UUID id, UUID userId, String name, String hint, Instant expiresAt, Instant createdAt, Instant lastUsedAt, String lastIp,
      String lastUserAgent, Instant revokedAt, boolean privileged) {

    public TokenRow(UUID id, UUID userId, String name, String hint, Instant expiresAt, Instant createdAt, Instant lastUsedAt, String lastIp,
        String lastUserAgent, Instant revokedAt) {
      this(id, userId, name, hint, expiresAt, createdAt, lastUsedAt, lastIp, lastUserAgent, revokedAt, false);
    }
  }

  private final JdbcClient jdbc;

  public SessionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- access version: one counter every node polls to drop its caches

  public long accessVersion() {
    return jdbc.sql("select version from access_version where id = 1").query(Long.class).single();
  }

  public void bumpAccessVersion() {
    jdbc.sql("update access_version set version = version + 1 where id = 1").update();
  }

  // --- sessions

  public void insertSession(SessionRow s) {
    jdbc.sql("""
            insert into user_session (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent, mfa_at, pending, auth_method)
            values (:id, :user, :created, :seen, :expires, :ip, :ua, :mfa, :pending, :method)""")
        .param("id", s.id())
        .param("user", s.userId())
        .param("created", Sql.ts(s.createdAt()))
        .param("seen", Sql.ts(s.lastSeenAt()))
        .param("expires", Sql.ts(s.expiresAt()))
        .param("ip", s.ip())
        .param("ua", s.userAgent())
        .param("mfa", Sql.ts(s.mfaAt()))
        .param("pending", s.pending())
        .param("method", s.authMethod())
        .update();
  }

  public Optional<SessionRow> findSession(String id) {
    return jdbc.sql("select * from user_session where id = :id").param("id", id).query(SessionStore::mapSession).optional();
  }

  public void touchSession(String id, Instant at) {
    jdbc.sql("update user_session set last_seen_at = :at where id = :id").param("id", id).param("at", Sql.ts(at)).update();
  }

  public void markSessionMfa(String id, Instant at) {
    jdbc.sql("update user_session set mfa_at = :at where id = :id").param("id", id).param("at", Sql.ts(at)).update();
  }

  /** The second factor is done: the session is now fully signed in, with fresh MFA. */
  public int completeSession(String id, Instant mfaAt) {
    return jdbc.sql("update user_session set pending = null, mfa_at = :at where id = :id and revoked_at is null")
        .param("id", id)
        .param("at", Sql.ts(mfaAt))
        .update();
  }

  public int revokeSession(String id, Instant at) {
    return jdbc.sql("update user_session set revoked_at = :at where id = :id and revoked_at is null").param("id", id).param("at", Sql.ts(at)).update();
  }

  public int revokeSessionsOf(UUID userId, Instant at) {
    return jdbc.sql("update user_session set revoked_at = :at where user_id = :u and revoked_at is null")
        .param("u", userId)
        .param("at", Sql.ts(at))
        .update();
  }

  public List<SessionRow> activeSessionsOf(UUID userId, Instant now) {
    return jdbc.sql("select * from user_session where user_id = :u and revoked_at is null and expires_at > :now order by last_seen_at desc")
        .param("u", userId)
        .param("now", Sql.ts(now))
        .query(SessionStore::mapSession)
        .list();
  }

  // --- API tokens

  public void insertToken(TokenRow t, String hash) {
    jdbc.sql("""
            insert into api_token (id, user_id, name, token_hash, hint, expires_at, created_at, privileged)
            values (:id, :user, :name, :hash, :hint, :expires, :created, :privileged)""")
        .param("privileged", t.privileged())
        .param("id", t.id())
        .param("user", t.userId())
        .param("name", t.name())
        .param("hash", hash)
        .param("hint", t.hint())
        .param("expires", Sql.ts(t.expiresAt()))
        .param("created", Sql.ts(t.createdAt()))
        .update();
  }

  public Optional<TokenRow> findTokenByHash(String hash) {
    return jdbc.sql("select * from api_token where token_hash = :h").param("h", hash).query(SessionStore::mapToken).optional();
  }

  public Optional<TokenRow> findToken(UUID id) {
    return jdbc.sql("select * from api_token where id = :id").param("id", id).query(SessionStore::mapToken).optional();
  }

  public void touchToken(UUID id, Instant at, String ip, String userAgent) {
    jdbc.sql("update api_token set last_used_at = :at, last_ip = :ip, last_user_agent = :ua where id = :id")
        .param("id", id)
        .param("at", Sql.ts(at))
        .param("ip", ip)
        .param("ua", userAgent)
        .update();
  }

  public int revokeToken(UUID id, Instant at) {
    return jdbc.sql("update api_token set revoked_at = :at where id = :id and revoked_at is null").param("id", id).param("at", Sql.ts(at)).update();
  }

  public int revokeTokensOf(UUID userId, Instant at) {
    return jdbc.sql("update api_token set revoked_at = :at where user_id = :u and revoked_at is null").param("u", userId).param("at", Sql.ts(at)).update();
  }

  public List<TokenRow> tokensOf(UUID userId) {
    return jdbc.sql("select * from api_token where user_id = :u order by created_at desc").param("u", userId).query(SessionStore::mapToken).list();
  }

  // --- setup tokens

  public void replaceSetupToken(String hash, Instant expiresAt) {
    jdbc.sql("delete from setup_token").update();
    jdbc.sql("insert into setup_token (token_hash, expires_at) values (:h, :e)").param("h", hash).param("e", Sql.ts(expiresAt)).update();
  }

  /** Consumes a setup token: true only once, and only before it expires. */
  public boolean useSetupToken(String hash, Instant now) {
    return jdbc.sql("update setup_token set used_at = :now where token_hash = :h and used_at is null and expires_at > :now")
            .param("h", hash)
            .param("now", Sql.ts(now))
            .update()
        == 1;
  }

  public boolean setupTokenValid(String hash, Instant now) {
    return jdbc.sql("select count(*) from setup_token where token_hash = :h and used_at is null and expires_at > :now")
            .param("h", hash)
            .param("now", Sql.ts(now))
            .query(Integer.class)
            .single()
        == 1;
  }

  private static SessionRow mapSession(ResultSet rs, int n) throws SQLException {
    return new SessionRow(
        rs.getString("id"),
        rs.getObject("user_id", UUID.class),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_seen_at"),
        Sql.instant(rs, "expires_at"),
        rs.getString("ip"),
        rs.getString("user_agent"),
        Sql.instant(rs, "mfa_at"),
        Sql.instant(rs, "revoked_at"),
        rs.getString("pending"),
        rs.getString("auth_method"));
  }

  private static TokenRow mapToken(ResultSet rs, int n) throws SQLException {
    return new TokenRow(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("name"),
        rs.getString("hint"),
        Sql.instant(rs, "expires_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_used_at"),
        rs.getString("last_ip"),
        rs.getString("last_user_agent"),
        Sql.instant(rs, "revoked_at"),
        rs.getBoolean("privileged"));
  }
}
