package io.steward.access.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Second factors: the sealed TOTP secret with its last used time step, hashed recovery codes, passkey counts. */
@Repository
public class MfaStore {

  public record TotpRow(UUID userId, UUID secretRef, byte[] secretSealed, Instant confirmedAt, long lastStep, Instant createdAt) {
    @Override
    public String toString() {
      return "TotpRow[" + userId + ", ***]";
    }
  }

  private final JdbcClient jdbc;

  public MfaStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<TotpRow> totp(UUID userId) {
    return jdbc.sql("select * from mfa_totp where user_id = :u")
        .param("u", userId)
        .query((rs, n) -> new TotpRow(rs.getObject("user_id", UUID.class), rs.getObject("secret_ref", UUID.class), rs.getBytes("secret_sealed"),
            Sql.instant(rs, "confirmed_at"), rs.getLong("last_step"), Sql.instant(rs, "created_at")))
        .optional();
  }

  public void replaceTotp(TotpRow t) {
    jdbc.sql("delete from mfa_totp where user_id = :u").param("u", t.userId()).update();
    jdbc.sql("""
            insert into mfa_totp (user_id, secret_ref, secret_sealed, confirmed_at, last_step, created_at)
            values (:u, :ref, :sealed, :confirmed, :step, :at)""")
        .param("u", t.userId())
        .param("ref", t.secretRef())
        .param("sealed", t.secretSealed())
        .param("confirmed", Sql.ts(t.confirmedAt()))
        .param("step", t.lastStep())
        .param("at", Sql.ts(t.createdAt()))
        .update();
  }

  public void confirmTotp(UUID userId, Instant at) {
    jdbc.sql("update mfa_totp set confirmed_at = :at where user_id = :u").param("u", userId).param("at", Sql.ts(at)).update();
  }

  /** Claims a time step: true only for the first caller on any node, and only if no later step was used. */
  public boolean claimStep(UUID userId, long step) {
    return jdbc.sql("update mfa_totp set last_step = :s where user_id = :u and last_step < :s").param("u", userId).param("s", step).update() == 1;
  }

  public void deleteTotp(UUID userId) {
    jdbc.sql("delete from mfa_totp where user_id = :u").param("u", userId).update();
  }

  public void replaceRecoveryCodes(UUID userId, List<String> hashes) {
    jdbc.sql("delete from mfa_recovery_code where user_id = :u").param("u", userId).update();
    for (String h : hashes) {
      jdbc.sql("insert into mfa_recovery_code (user_id, code_hash) values (:u, :h)").param("u", userId).param("h", h).update();
    }
  }

  /** Uses up a recovery code: true once. */
  public boolean useRecoveryCode(UUID userId, String hash, Instant at) {
    return jdbc.sql("update mfa_recovery_code set used_at = :at where user_id = :u and code_hash = :h and used_at is null")
            .param("u", userId)
            .param("h", hash)
            .param("at", Sql.ts(at))
            .update()
        == 1;
  }

  public int unusedRecoveryCodes(UUID userId) {
    return jdbc.sql("select count(*) from mfa_recovery_code where user_id = :u and used_at is null").param("u", userId).query(Integer.class).single();
  }

  /** Passkeys registered through Spring Security's WebAuthn tables, whose user entity name is the user id. */
  public int passkeys(UUID userId) {
    return jdbc.sql("select count(*) from user_credentials c join user_entities e on e.id = c.user_entity_user_id where e.name = :u")
        .param("u", userId.toString())
        .query(Integer.class)
        .single();
  }
}
