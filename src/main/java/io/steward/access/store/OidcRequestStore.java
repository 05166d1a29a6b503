package io.steward.access.store;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** OpenID Connect authorization requests in flight, by state, so that any node can take the provider's answer. */
@Repository
public class OidcRequestStore {

  private final JdbcClient jdbc;

  public OidcRequestStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(String state, byte[] request, Instant expiresAt) {
    jdbc.sql("delete from oidc_request where expires_at < :now").param("now", Sql.ts(Instant.now())).update();
    jdbc.sql("insert into oidc_request (state, request, expires_at) values (:s, :r, :e)")
        .param("s", state)
        .param("r", request)
        .param("e", Sql.ts(expiresAt))
        .update();
  }

  public Optional<byte[]> find(String state, Instant now) {
    return jdbc.sql("select request from oidc_request where state = :s and expires_at > :now")
        .param("s", state)
        .param("now", Sql.ts(now))
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  public void delete(String state) {
    jdbc.sql("delete from oidc_request where state = :s").param("s", state).update();
  }
}
