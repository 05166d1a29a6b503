package io.steward.monitoring.store;

import io.steward.monitoring.baseline.Baseline;
import io.steward.monitoring.baseline.BaselineJson;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-user baselines, shared by all nodes; each node merges its learning in (see {@link Baseline}). */
@Repository
public class BaselineStore {

  private final JdbcClient jdbc;

  public BaselineStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Versioned(Baseline baseline, long version) {}

  public Optional<Versioned> find(UUID userId) {
    return jdbc.sql("select state, version from monitor_baseline where user_id = :u")
        .param("u", userId)
        .query((rs, n) -> new Versioned(BaselineJson.read(rs.getString("state")), rs.getLong("version")))
        .optional();
  }

  /** Stores the merged state if nobody else stored one since {@code expected} was read; false means read again and retry. */
  public boolean save(UUID userId, Baseline merged, Optional<Versioned> expected, Instant now) {
    String state = BaselineJson.write(merged);
    if (expected.isEmpty()) {
      try {
        return jdbc.sql("insert into monitor_baseline (user_id, state, version, updated_at) values (:u, :s, 1, :at)")
            .param("u", userId).param("s", state).param("at", Sql.ts(now)).update() == 1;
      } catch (org.springframework.dao.DuplicateKeyException e) {
        return false;
      }
    }
    return jdbc.sql("update monitor_baseline set state = :s, version = version + 1, updated_at = :at where user_id = :u and version = :v")
        .param("u", userId).param("s", state).param("at", Sql.ts(now)).param("v", expected.get().version()).update() == 1;
  }
}
