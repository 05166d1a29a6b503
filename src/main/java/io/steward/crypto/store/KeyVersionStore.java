package io.steward.crypto.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What several nodes sharing one database and one key source agree on: the version of the key material in force
 * (one row, whose lock serialises key changes across nodes), each node's heartbeat with the version it has adopted,
 * and the key-encryption keys in force, which a data key's foreign key must name. Key ids only, never key material.
 */
public class KeyVersionStore {

  /** Seconds a retirement waits for a transaction that still writes with the key being retired. */
  private static final int RETIRE_WAIT_SECONDS = 30;

  private final JdbcClient jdbc;
  private final JdbcClient patient;
  private final TransactionTemplate tx;

  public KeyVersionStore(JdbcTemplate template, PlatformTransactionManager transactions) {
    this.jdbc = JdbcClient.create(template);
    JdbcTemplate timed = new JdbcTemplate(template.getDataSource());
    timed.setQueryTimeout(RETIRE_WAIT_SECONDS);
    this.patient = JdbcClient.create(timed);
    this.tx = new TransactionTemplate(transactions);
    tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** For tests and tools outside Spring. */
  public static KeyVersionStore on(DataSource dataSource) {
    return new KeyVersionStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
  }

  /** The key material version and the key ids it holds ({@code keyIds} is empty until a first node records it). */
  public record KeyState(long version, String keyIds) {}

  /** A node as its heartbeat describes it; {@code seenAt} is the database's clock. */
  public record Node(String id, String name, long keyVersion, Instant startedAt, Instant seenAt) {}

  public KeyState state() {
    return jdbc.sql("select version, key_ids from key_state where id = 1").query((rs, n) -> new KeyState(rs.getLong(1), rs.getString(2))).single();
  }

  /**
   * Runs work in a transaction of its own holding the key lock (the key-state row, locked for update): one key change
   * at a time across every node. A lock wait that times out (H2) is retried a few times.
   */
  public <T> T underKeyLock(Function<KeyState, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(status -> work.apply(
            jdbc.sql("select version, key_ids from key_state where id = 1 for update").query((rs, n) -> new KeyState(rs.getLong(1), rs.getString(2))).single()));
      } catch (PessimisticLockingFailureException e) {
        if (attempt == 5) {
          throw e;
        }
        sleep(200L * attempt);
      }
    }
  }

  /** Inside {@link #underKeyLock}: records a new version of the key material; returns it. */
  public long bump(long from, String keyIds) {
    jdbc.sql("update key_state set version = :v, key_ids = :ids, changed_at = current_timestamp where id = 1")
        .param("v", from + 1)
        .param("ids", keyIds)
        .update();
    return from + 1;
  }

  /** Records key-encryption keys as in force (idempotent). */
  public void keepInForce(String keyset, Collection<Integer> keyIds) {
    Set<Integer> present = Set.copyOf(inForce(keyset));
    for (int id : keyIds) {
      if (!present.contains(id)) {
        jdbc.sql("insert into key_in_force (keyset, key_id) values (:k, :id)").param("k", keyset).param("id", id).update();
      }
    }
  }

  public List<Integer> inForce(String keyset) {
    return jdbc.sql("select key_id from key_in_force where keyset = :k").param("k", keyset).query(Integer.class).list();
  }

  /**
   * Retires key-encryption keys: deletes their rows, which the database refuses (an integrity violation) while a data
   * key names one, and waits for transactions still writing one (PostgreSQL: at most {@value #RETIRE_WAIT_SECONDS} s).
   */
  public void retire(String keyset, Collection<Integer> keyIds) {
    for (int id : keyIds) {
      patient.sql("delete from key_in_force where keyset = :k and key_id = :id").param("k", keyset).param("id", id).update();
    }
  }

  /** Key-encryption keys in force that some data key names: the keys a key file must hold. */
  public List<String> usedKeys() {
    return jdbc.sql("select keyset, key_id from key_in_force k where exists "
            + "(select 1 from data_key d where d.tier = k.keyset and d.kek_id = k.key_id) order by keyset, key_id")
        .query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2))
        .list();
  }

  /** Says this node is alive and which key version it has adopted. */
  public void heartbeat(String nodeId, String name, long keyVersion) {
    int updated = jdbc.sql("update key_node set key_version = :v, seen_at = current_timestamp where node_id = :id")
        .param("v", keyVersion)
        .param("id", nodeId)
        .update();
    if (updated == 0) {
      jdbc.sql("insert into key_node (node_id, name, key_version, started_at, seen_at) values (:id, :name, :v, current_timestamp, current_timestamp)")
          .param("id", nodeId)
          .param("name", name.length() > 200 ? name.substring(0, 200) : name)
          .param("v", keyVersion)
          .update();
    }
  }

  public void leave(String nodeId) {
    jdbc.sql("delete from key_node where node_id = :id").param("id", nodeId).update();
  }

  /** Every node that has said something, newest first; which are live is the caller's {@link #liveSince} question. */
  public List<Node> nodes() {
    return jdbc.sql("select node_id, name, key_version, started_at, seen_at from key_node order by started_at desc")
        .query((rs, n) -> new Node(rs.getString(1), rs.getString(2), rs.getLong(3),
            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** The moment, by the database's clock, before which a node's last heartbeat means it is gone. */
  public Instant liveSince(Duration timeout) {
    return jdbc.sql("select current_timestamp").query(OffsetDateTime.class).single().toInstant().minus(timeout);
  }

  /** Nodes whose last heartbeat is newer than the timeout. */
  public List<Node> liveNodes(Duration timeout) {
    Instant since = liveSince(timeout);
    List<Node> live = new ArrayList<>();
    for (Node n : nodes()) {
      if (n.seenAt().isAfter(since)) {
        live.add(n);
      }
    }
    return live;
  }

  /** Forgets nodes silent for much longer than the timeout (they crashed without leaving). */
  public int forgetSilent(Instant before) {
    return jdbc.sql("delete from key_node where seen_at < :before").param("before", OffsetDateTime.ofInstant(before, java.time.ZoneOffset.UTC)).update();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the key lock", e);
    }
  }
}
