package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AuthenticatorApp;
import io.steward.testsupport.SignInTestBase;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** TOTP enrolment and use with a controlled clock; recovery codes; the secret never in the database in plaintext. */
class SecondFactorsTest extends SignInTestBase {

  @Autowired SecondFactors factors;
  @Autowired JdbcClient jdbc;

  private final RequestInfo from = new RequestInfo("198.51.100.7", "test", "r1");

  @Test
  void enrolmentNeedsAFirstCodeAndGivesTenRecoveryCodesOnce() {
    TestUser u = users.withRole("sales");
    SecondFactors.TotpEnrolment e = factors.startTotp(u.id());
    assertThat(e.otpauthUri()).startsWith("otpauth://totp/Steward%3A").contains("secret=" + e.secret()).contains("issuer=Steward");
    assertThat(factors.status(u.id()).totp()).isFalse();
    assertThat(factors.startTotp(u.id()).secret()).as("a reload shows the same key").isEqualTo(e.secret());

    assertThat(factors.confirmTotp(u.id(), "000000", from)).isEmpty();
    List<String> codes = factors.confirmTotp(u.id(), new AuthenticatorApp(e.secret()).codeAt(clock.instant()), from).orElseThrow();

    assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"));
    assertThat(factors.status(u.id())).isEqualTo(new SecondFactors.Status(true, 0, 10, false));
  }

  @Test
  void aCodeWorksOnceWithinOneStepOfDriftAndNotLater() {
    TestUser u = users.withRole("sales");
    AuthenticatorApp app = enrol(u);
    clock.advance(Duration.ofSeconds(60));
    String code = app.codeAt(clock.instant());
    assertThat(factors.verify(u.id(), code, from)).isTrue();
    assertThat(factors.verify(u.id(), code, from)).as("replayed").isFalse();

    clock.advance(Duration.ofSeconds(60));
    assertThat(factors.verify(u.id(), app.codeAt(clock.instant().minusSeconds(30)), from)).as("phone 30 s behind").isTrue();
    clock.advance(Duration.ofSeconds(60));
    assertThat(factors.verify(u.id(), app.codeAt(clock.instant().minusSeconds(90)), from)).as("90 s old").isFalse();
    assertThat(factors.verify(u.id(), app.codeAt(clock.instant().plusSeconds(30)), from)).as("phone 30 s ahead").isTrue();
    // a code from an earlier step than one already used is refused too, even inside the drift window
    assertThat(factors.verify(u.id(), app.codeAt(clock.instant()), from)).isFalse();
  }

  @Test
  void recoveryCodesWorkOnceEach() {
    TestUser u = users.withRole("sales");
    SecondFactors.TotpEnrolment e = factors.startTotp(u.id());
    List<String> codes = factors.confirmTotp(u.id(), new AuthenticatorApp(e.secret()).codeAt(clock.instant()), from).orElseThrow();
    assertThat(factors.verify(u.id(), codes.get(3).toUpperCase(), from)).isTrue();
    assertThat(factors.verify(u.id(), codes.get(3), from)).isFalse();
    assertThat(factors.status(u.id()).recoveryCodesLeft()).isEqualTo(9);
  }

  @Test
  void guessingCodesIsThrottled() {
    TestUser u = users.withRole("sales");
    AuthenticatorApp app = enrol(u);
    for (int i = 0; i < 6; i++) {
      factors.verify(u.id(), String.format("%06d", i), from);
    }
    assertThat(factors.verify(u.id(), app.codeAt(clock.instant().plusSeconds(30)), from)).as("held back after repeated wrong codes").isFalse();
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(20));
      factors.verify(u.id(), "999999", from);
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(factors.verify(u.id(), app.codeAt(clock.instant()), from)).as("locked after many wrong codes").isFalse();
    clock.advance(Duration.ofMinutes(16));
    assertThat(factors.verify(u.id(), app.codeAt(clock.instant()), from)).as("the lock is temporary").isTrue();
  }

  @Test
  void theSecretIsSealedAndItsKeyKeptApart() {
    TestUser u = users.withRole("sales");
    SecondFactors.TotpEnrolment e = factors.startTotp(u.id());
    byte[] stored = jdbc.sql("select secret_sealed from mfa_totp where user_id = :u").param("u", u.id()).query(byte[].class).single();
    byte[] secret = io.steward.access.Totp.fromBase32(e.secret());
    assertThat(HexFormat.of().formatHex(stored)).doesNotContain(HexFormat.of().formatHex(secret));
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(e.secret());
    assertThat(jdbc.sql("select count(*) from data_key where object_type = 'mfa-totp' and record_id = "
        + "(select secret_ref from mfa_totp where user_id = :u)").param("u", u.id()).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void mfaIsRequiredForAdminsSensitiveReadersAndVendorsByDefault() {
    assertThat(factors.required(users.withRole("admin").id(), RequestInfo.NONE)).isTrue();
    assertThat(factors.required(users.withRole("manager").id(), RequestInfo.NONE)).as("reads sensitive fields").isTrue();
    assertThat(factors.required(users.withRole("sales").id(), RequestInfo.NONE)).as("sensitive fields masked").isFalse();
    assertThat(factors.required(users.vendorUntil(clock.instant().plus(Duration.ofDays(3))).id(), RequestInfo.NONE)).isTrue();
  }

  @Test
  void anAdministratorCanRequireASecondFactorForAnyRoleAndMustStepUpToDoSo() {
    Roles roles = applicationContext.getBean(Roles.class);
    String name = "helpdesk-" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x"); // no digit runs for the guard to see
    roles.save(BuiltInRoles.support().withMfaRequired(null).withName(name));
    TestUser u = users.withRole(name);
    assertThat(factors.required(u.id(), RequestInfo.NONE)).isFalse();

    Principal admin = applicationContext.getBean(Principals.class).resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> roles.setMfaRequired(admin, name, true))
        .isInstanceOf(StepUpRequiredException.class);
    roles.setMfaRequired(admin.withMfaAt(clock.instant()), name, true);
    assertThat(factors.required(u.id(), RequestInfo.NONE)).isTrue();
  }

  @Autowired org.springframework.context.ApplicationContext applicationContext;

  private AuthenticatorApp enrol(TestUser u) {
    SecondFactors.TotpEnrolment e = factors.startTotp(u.id());
    AuthenticatorApp app = new AuthenticatorApp(e.secret());
    factors.confirmTotp(u.id(), app.codeAt(clock.instant()), from).orElseThrow();
    return app;
  }
}
