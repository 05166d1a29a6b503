package io.steward.access.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The role table; a role's policy is stored as a JSON document (see {@code RolePolicyJson}). */
@Repository
public class RoleStore {

  public record RoleRow(String name, String label, boolean builtin, String policyJson) {}

  private final JdbcClient jdbc;

  public RoleStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String name) {
    return jdbc.sql("select count(*) from app_role where name = :n").param("n", name).query(Integer.class).single() > 0;
  }

  public void insert(RoleRow r) {
    jdbc.sql("insert into app_role (name, label, builtin, policy, updated_at) values (:n, :l, :b, :p, :at)")
        .param("n", r.name())
        .param("l", r.label())
        .param("b", r.builtin())
        .param("p", r.policyJson())
        .param("at", Sql.ts(Instant.now()))
        .update();
  }

  public void update(RoleRow r) {
    jdbc.sql("update app_role set label = :l, policy = :p, updated_at = :at where name = :n")
        .param("n", r.name())
        .param("l", r.label())
        .param("p", r.policyJson())
        .param("at", Sql.ts(Instant.now()))
        .update();
  }

  public int delete(String name) {
    return jdbc.sql("delete from app_role where name = :n and builtin = false").param("n", name).update();
  }

  public List<RoleRow> all() {
    return jdbc.sql("select name, label, builtin, policy from app_role order by builtin desc, name")
        .query((rs, n) -> new RoleRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)))
        .list();
  }

  public Optional<RoleRow> find(String name) {
    return jdbc.sql("select name, label, builtin, policy from app_role where name = :n")
        .param("n", name)
        .query((rs, n) -> new RoleRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)))
        .optional();
  }
}
