package io.steward.access.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.steward.access.MailProperties;
import io.steward.access.Mailer.Email;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailException;

/** The SMTP side against GreenMail, a plain SMTP server without STARTTLS. */
class SmtpTransportTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static MailProperties config(MailProperties.Security security, String username) {
    return new MailProperties("127.0.0.1", smtp.getSmtp().getPort(), username, null, null, "steward@example.test", security, List.of(),
        Duration.ofSeconds(5), 0, 10);
  }

  static Email email() {
    return new Email(List.of("security@example.test"), "Steward security incident: Mass read", "Incident: 42\nhttps://steward.example.test/x",
        "security", "incident", List.of("42"));
  }

  @Test
  void starttlsIsRequiredByDefaultSoAServerThatDoesNotOfferItGetsNothing() {
    MailProperties byDefault = new MailProperties("127.0.0.1", smtp.getSmtp().getPort(), null, null, null, "steward@example.test", null, null,
        Duration.ofSeconds(5), 0, 10);
    assertThat(byDefault.security()).isEqualTo(MailProperties.Security.STARTTLS);
    assertThat(SmtpTransport.sessionProperties(byDefault)).containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true");

    assertThatThrownBy(() -> new SmtpTransport(byDefault, null).deliver(email())).isInstanceOf(MailException.class);
    assertThat(smtp.getReceivedMessages()).as("nothing sent in clear").isEmpty();
  }

  @Test
  void implicitTlsChecksTheServerNameAndDefaultsToPort465() {
    MailProperties tls = new MailProperties("smtp.example.test", null, null, null, null, "steward@example.test", MailProperties.Security.TLS,
        null, Duration.ofSeconds(5), 0, 10);
    assertThat(tls.effectivePort()).isEqualTo(465);
    assertThat(SmtpTransport.sessionProperties(tls)).containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
  }

  @Test
  void signsInAndDeliversAPlainTextEmailWhereSecurityIsNone() throws Exception {
    smtp.setUser("steward@example.test", "steward-smtp", "smtp-password-for-tests");
    SmtpTransport transport = new SmtpTransport(config(MailProperties.Security.NONE, "steward-smtp"), "smtp-password-for-tests");

    transport.deliver(email());

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Steward security incident: Mass read");
    assertThat(received[0].getFrom()[0].toString()).isEqualTo("steward@example.test");
    assertThat(received[0].getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(received[0].getContent().toString()).contains("Incident: 42");
  }
}
