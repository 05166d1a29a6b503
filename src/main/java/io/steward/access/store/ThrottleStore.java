package io.steward.access.store;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed sign-in attempts, shared by every node through the database. */
@Repository
public class ThrottleStore {

  /** How many failures, and the latest, within a window. */
  public record Failures(int count, Instant last) {}

  private final JdbcClient jdbc;

  public ThrottleStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void recordFailure(String accountHash, String ip, Instant at) {
    jdbc.sql("insert into sign_in_failure (account_hash, ip, failed_at) values (:a, :ip, :at)")
        .param("a", accountHash)
        .param("ip", ip)
        .param("at", Sql.ts(at))
        .update();
  }

  public Failures forPair(String accountHash, String ip, Instant since) {
    return failures("account_hash = :a and ip = :ip", accountHash, ip, since);
  }

  public Failures forAccount(String accountHash, Instant since) {
    return failures("account_hash = :a", accountHash, null, since);
  }

  public Failures forIp(String ip, Instant since) {
    return failures("ip = :ip", null, ip, since);
  }

  public int distinctAccountsFromIp(String ip, Instant since) {
    return jdbc.sql("select count(distinct account_hash) from sign_in_failure where ip = :ip and failed_at > :since")
        .param("ip", ip)
        .param("since", Sql.ts(since))
        .query(Integer.class)
        .single();
  }

  /** A successful sign-in forgives the failures of that account from that address, and only those. */
  public void forgivePair(String accountHash, String ip) {
    jdbc.sql("delete from sign_in_failure where account_hash = :a and ip = :ip").param("a", accountHash).param("ip", ip).update();
  }

  public int purgeBefore(Instant before) {
    return jdbc.sql("delete from sign_in_failure where failed_at < :t").param("t", Sql.ts(before)).update();
  }

  private Failures failures(String where, String accountHash, String ip, Instant since) {
    var spec = jdbc.sql("select count(*), max(failed_at) from sign_in_failure where " + where + " and failed_at > :since")
        .param("since", Sql.ts(since));
    if (accountHash != null) {
      spec = spec.param("a", accountHash);
    }
    if (ip != null) {
      spec = spec.param("ip", ip);
    }
    return spec.query((rs, n) -> new Failures(rs.getInt(1), Sql.instant(rs, 2))).single();
  }
}
