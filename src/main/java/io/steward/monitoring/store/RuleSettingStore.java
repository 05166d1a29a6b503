package io.steward.monitoring.store;

import io.steward.monitoring.Response;
import io.steward.monitoring.Rule;
import io.steward.monitoring.RuleSetting;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rule settings changed on the settings page (they win over properties and defaults). */
@Repository
public class RuleSettingStore {

  private final JdbcClient jdbc;

  public RuleSettingStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<RuleSetting> all() {
    return jdbc.sql("select * from monitor_rule_setting")
        .query((rs, n) -> new RuleSetting(Rule.ofId(rs.getString("rule")), rs.getBoolean("enabled"), Response.valueOf(rs.getString("response")),
            rs.getLong("threshold"), rs.getDouble("factor")))
        .list();
  }

  public void save(RuleSetting s, String by, Instant at) {
    int n = jdbc.sql("update monitor_rule_setting set enabled = :e, response = :r, threshold = :t, factor = :f, updated_by = :by, updated_at = :at where rule = :rule")
        .param("rule", s.rule().id()).param("e", s.enabled()).param("r", s.response().name()).param("t", s.threshold())
        .param("f", s.factor()).param("by", by).param("at", Sql.ts(at)).update();
    if (n == 0) {
      jdbc.sql("insert into monitor_rule_setting (rule, enabled, response, threshold, factor, updated_by, updated_at) values (:rule, :e, :r, :t, :f, :by, :at)")
          .param("rule", s.rule().id()).param("e", s.enabled()).param("r", s.response().name()).param("t", s.threshold())
          .param("f", s.factor()).param("by", by).param("at", Sql.ts(at)).update();
    }
  }
}
