package io.steward.access.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Grants: a role held by a user, with optional expiry, sponsor, networks and hours. */
@Repository
public class GrantStore {

  public record GrantRow(
      UUID id, UUID userId, String roleName, Instant expiresAt, UUID sponsorId, String allowedNetworks, String allowedHours,
      String reason, String createdBy, Instant createdAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    public boolean activeAt(Instant now) {
      return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
  }

  private final JdbcClient jdbc;

  public GrantStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(GrantRow g) {
    jdbc.sql("""
            insert into access_grant (id, user_id, role_name, expires_at, sponsor_id, allowed_networks, allowed_hours, reason,
              created_by, created_at)
            values (:id, :user, :role, :expires, :sponsor, :networks, :hours, :reason, :by, :at)""")
        .param("id", g.id())
        .param("user", g.userId())
        .param("role", g.roleName())
        .param("expires", Sql.ts(g.expiresAt()))
        .param("sponsor", g.sponsorId())
        .param("networks", g.allowedNetworks())
        .param("hours", g.allowedHours())
        .param("reason", g.reason())
        .param("by", g.createdBy())
        .param("at", Sql.ts(g.createdAt()))
        .update();
  }

  public int revoke(UUID id, String by, Instant at) {
    return jdbc.sql("update access_grant set revoked_at = :at, revoked_by = :by where id = :id and revoked_at is null")
        .param("id", id)
        .param("by", by)
        .param("at", Sql.ts(at))
        .update();
  }

  public void markUsed(UUID id, Instant at) {
    jdbc.sql("update access_grant set last_used_at = :at where id = :id").param("id", id).param("at", Sql.ts(at)).update();
  }

  public List<GrantRow> forUser(UUID userId) {
    return jdbc.sql("select * from access_grant where user_id = :u order by created_at").param("u", userId).query(GrantStore::map).list();
  }

  public List<GrantRow> all() {
    return jdbc.sql("select * from access_grant order by created_at").query(GrantStore::map).list();
  }

  public Optional<GrantRow> find(UUID id) {
    return jdbc.sql("select * from access_grant where id = :id").param("id", id).query(GrantStore::map).optional();
  }

  public long countActiveWithRole(String role, Instant now) {
    return jdbc.sql("select count(*) from access_grant where role_name = :r and revoked_at is null and (expires_at is null or expires_at > :now)")
        .param("r", role)
        .param("now", Sql.ts(now))
        .query(Long.class)
        .single();
  }

  private static GrantRow map(ResultSet rs, int n) throws SQLException {
    return new GrantRow(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("role_name"),
        Sql.instant(rs, "expires_at"),
        rs.getObject("sponsor_id", UUID.class),
        rs.getString("allowed_networks"),
        rs.getString("allowed_hours"),
        rs.getString("reason"),
        rs.getString("created_by"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "revoked_at"),
        rs.getString("revoked_by"),
        Sql.instant(rs, "last_used_at"));
  }
}
