package io.steward.access.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Known devices (by the hash of their cookie), known networks and the notices a user has not yet dismissed. */
@Repository
public class DeviceStore {

  public record Notice(UUID id, String message, Instant createdAt) {}

  private final JdbcClient jdbc;

  public DeviceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean isKnownDevice(String id, UUID userId) {
    return jdbc.sql("select count(*) from known_device where id = :id and user_id = :u").param("id", id).param("u", userId)
        .query(Integer.class).single() > 0;
  }

  public void addDevice(String id, UUID userId, Instant at, String userAgent) {
    jdbc.sql("insert into known_device (id, user_id, created_at, last_seen_at, user_agent) values (:id, :u, :at, :at, :ua)")
        .param("id", id)
        .param("u", userId)
        .param("at", Sql.ts(at))
        .param("ua", userAgent)
        .update();
  }

  public void touchDevice(String id, Instant at) {
    jdbc.sql("update known_device set last_seen_at = :at where id = :id").param("id", id).param("at", Sql.ts(at)).update();
  }

  public int forgetDevicesOf(UUID userId) {
    return jdbc.sql("delete from known_device where user_id = :u").param("u", userId).update();
  }

  public boolean anyDevice(UUID userId) {
    return jdbc.sql("select count(*) from known_device where user_id = :u").param("u", userId).query(Integer.class).single() > 0;
  }

  /** Adds the network; true if it was new for this user. */
  public boolean addNetwork(UUID userId, String network, Instant at) {
    if (jdbc.sql("select count(*) from known_network where user_id = :u and network = :n").param("u", userId).param("n", network)
        .query(Integer.class).single() > 0) {
      return false;
    }
    jdbc.sql("insert into known_network (user_id, network, first_seen) values (:u, :n, :at)")
        .param("u", userId)
        .param("n", network)
        .param("at", Sql.ts(at))
        .update();
    return true;
  }

  public void addNotice(UUID userId, String message, Instant at) {
    jdbc.sql("insert into user_notice (id, user_id, message, created_at) values (:id, :u, :m, :at)")
        .param("id", UUID.randomUUID())
        .param("u", userId)
        .param("m", message)
        .param("at", Sql.ts(at))
        .update();
  }

  public List<Notice> openNotices(UUID userId) {
    return jdbc.sql("select id, message, created_at from user_notice where user_id = :u and dismissed_at is null order by created_at desc")
        .param("u", userId)
        .query((rs, n) -> new Notice(rs.getObject(1, UUID.class), rs.getString(2), Sql.instant(rs, 3)))
        .list();
  }

  public int dismiss(UUID userId, UUID noticeId, Instant at) {
    return jdbc.sql("update user_notice set dismissed_at = :at where id = :id and user_id = :u and dismissed_at is null")
        .param("id", noticeId)
        .param("u", userId)
        .param("at", Sql.ts(at))
        .update();
  }
}
