package io.steward.access.store;

import io.steward.access.UserKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user table. */
@Repository
public class UserStore {

  public record UserRow(
      UUID id, String email, String displayName, String passwordHash, UserKind kind, String team, UUID sponsorId, boolean enabled,
      Instant createdAt, Instant lastSignInAt, Instant freshMfaSince) {

    public UserRow(UUID id, String email, String displayName, String passwordHash, UserKind kind, String team, UUID sponsorId, boolean enabled,
        Instant createdAt, Instant lastSignInAt) {
      this(id, email, displayName, passwordHash, kind, team, sponsorId, enabled, createdAt, lastSignInAt, null);
    }

    @Override
    public String toString() {
      return "UserRow[" + id + "]";
    }
  }

  private final JdbcClient jdbc;

  public UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long count() {
    return jdbc.sql("select count(*) from app_user").query(Long.class).single();
  }

  public void insert(UserRow u) {
    jdbc.sql("""
            insert into app_user (id, email, display_name, password_hash, kind, team, sponsor_id, enabled, created_at)
            values (:id, :email, :name, :hash, :kind, :team, :sponsor, :enabled, :at)""")
        .param("id", u.id())
        .param("email", u.email())
        .param("name", u.displayName())
        .param("hash", u.passwordHash())
        .param("kind", u.kind().name())
        .param("team", u.team())
        .param("sponsor", u.sponsorId())
        .param("enabled", u.enabled())
        .param("at", Sql.ts(u.createdAt()))
        .update();
  }

  public void update(UUID id, String displayName, UserKind kind, String team, UUID sponsorId) {
    jdbc.sql("update app_user set display_name = :name, kind = :kind, team = :team, sponsor_id = :sponsor where id = :id")
        .param("id", id)
        .param("name", displayName)
        .param("kind", kind.name())
        .param("team", team)
        .param("sponsor", sponsorId)
        .update();
  }

  public void setEnabled(UUID id, boolean enabled) {
    jdbc.sql("update app_user set enabled = :e where id = :id").param("e", enabled).param("id", id).update();
  }

  public void setPasswordHash(UUID id, String hash) {
    jdbc.sql("update app_user set password_hash = :h where id = :id").param("h", hash).param("id", id).update();
  }

  public void markSignIn(UUID id, Instant at) {
    jdbc.sql("update app_user set last_sign_in_at = :at where id = :id").param("at", Sql.ts(at)).param("id", id).update();
  }

  /** From now on, sessions and tokens whose last second factor is not newer than {@code at} owe a fresh one. */
  public void demandFreshMfa(UUID id, Instant at) {
    jdbc.sql("update app_user set fresh_mfa_since = :at, fresh_mfa_met_at = null where id = :id").param("at", Sql.ts(at)).param("id", id).update();
  }

  /** The user gave a second factor after the open demand: true only the first time (on any node). */
  public boolean freshMfaMet(UUID id, Instant at) {
    return jdbc.sql("""
            update app_user set fresh_mfa_met_at = :at
            where id = :id and fresh_mfa_since is not null and fresh_mfa_since < :at and fresh_mfa_met_at is null""")
        .param("at", Sql.ts(at)).param("id", id).update() == 1;
  }

  public Optional<UserRow> findByEmail(String email) {
    return jdbc.sql("select * from app_user where email = :e").param("e", email.trim().toLowerCase(java.util.Locale.ROOT))
        .query(UserStore::map).optional();
  }

  public Optional<UserRow> find(UUID id) {
    return jdbc.sql("select * from app_user where id = :id").param("id", id).query(UserStore::map).optional();
  }

  public List<UserRow> all() {
    return jdbc.sql("select * from app_user order by email").query(UserStore::map).list();
  }

  private static UserRow map(ResultSet rs, int n) throws SQLException {
    return new UserRow(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        rs.getString("display_name"),
        rs.getString("password_hash"),
        UserKind.valueOf(rs.getString("kind")),
        rs.getString("team"),
        rs.getObject("sponsor_id", UUID.class),
        rs.getBoolean("enabled"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_sign_in_at"),
        Sql.instant(rs, "fresh_mfa_since"));
  }
}
