package io.steward.access.mail;

import io.steward.access.Mailer.Email;
import io.steward.access.MailProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Plain-text emails over SMTP with Jakarta Mail. STARTTLS is required by default (a server that does not offer it
 * gets nothing, rather than the message in clear), or implicit TLS; either way the server's name is checked
 * against its certificate. Not a Spring bean: no health check or auto-configuration probes the server.
 */
public final class SmtpTransport implements Outbox.Transport {

  private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
  private final String from;

  public SmtpTransport(MailProperties config, String password) {
    sender.setHost(config.host());
    sender.setPort(config.effectivePort());
    sender.setUsername(config.username());
    sender.setPassword(password);
    sender.setDefaultEncoding("UTF-8");
    sender.setJavaMailProperties(sessionProperties(config));
    this.from = config.from();
  }

  /** The Jakarta Mail session settings for this configuration (without credentials). */
  public static Properties sessionProperties(MailProperties config) {
    Properties p = new Properties();
    String timeout = Long.toString(config.timeout().toMillis());
    p.setProperty("mail.smtp.connectiontimeout", timeout);
    p.setProperty("mail.smtp.timeout", timeout);
    p.setProperty("mail.smtp.writetimeout", timeout);
    p.setProperty("mail.smtp.auth", Boolean.toString(config.username() != null));
    switch (config.security()) {
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.setProperty("mail.smtp.ssl.enable", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> { }
    }
    return p;
  }

  @Override
  public void deliver(Email email) {
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper m = new MimeMessageHelper(message, false, "UTF-8");
      m.setFrom(from);
      m.setTo(email.to().toArray(String[]::new));
      m.setSubject(email.subject());
      m.setText(email.body(), false);
      message.setHeader("Auto-Submitted", "auto-generated");
    } catch (MessagingException e) {
      throw new MailPreparationException("The email could not be built", e);
    }
    sender.send(message);
  }
}
