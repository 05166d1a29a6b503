package io.steward.access.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** In-app notices. */
@Repository
public class NotificationStore {

  public record NotificationRow(UUID id, UUID userId, String kind, String message, String link, Instant createdAt, Instant readAt) {}

  private final JdbcClient jdbc;

  public NotificationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(NotificationRow n) {
    jdbc.sql("insert into notification (id, user_id, kind, message, link, created_at) values (:id, :u, :k, :m, :l, :at)")
        .param("id", n.id())
        .param("u", n.userId())
        .param("k", n.kind())
        .param("m", n.message())
        .param("l", n.link())
        .param("at", Sql.ts(n.createdAt()))
        .update();
  }

  public List<NotificationRow> recent(UUID userId, int limit) {
    return jdbc.sql("select * from notification where user_id = :u order by created_at desc limit :limit")
        .param("u", userId)
        .param("limit", limit)
        .query((rs, n) -> new NotificationRow(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("kind"),
            rs.getString("message"), rs.getString("link"), Sql.instant(rs, "created_at"), Sql.instant(rs, "read_at")))
        .list();
  }

  public long unread(UUID userId) {
    return jdbc.sql("select count(*) from notification where user_id = :u and read_at is null").param("u", userId).query(Long.class).single();
  }

  public void markAllRead(UUID userId, Instant at) {
    jdbc.sql("update notification set read_at = :at where user_id = :u and read_at is null").param("u", userId).param("at", Sql.ts(at)).update();
  }
}
