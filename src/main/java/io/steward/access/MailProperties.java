package io.steward.access;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email over SMTP ({@code steward.mail.*}, from the {@code STEWARD_MAIL_*} variables): off unless a host is set.
 * Emails carry counts, rule names, incident ids, staff accounts and a link into Steward, never a value of a
 * customer record (docs/access.md, docs/monitoring.md).
 *
 * @param host               the SMTP server; empty: no email is sent, notices stay in-app
 * @param port               empty: 587 for STARTTLS, 465 for TLS, 25 for none
 * @param username           SMTP authentication, if the server asks for it
 * @param password           the SMTP password, or
 * @param passwordFile       a file holding it (read once at start)
 * @param from               the sender address, required with a host
 * @param security           {@code starttls} (the default: the connection must be upgraded, or nothing is sent),
 *                           {@code tls} (implicit TLS from the first byte) or {@code none} (a relay on this host only)
 * @param securityRecipients who gets security incidents; empty: every enabled user with the manage-security power
 * @param timeout            connect, read and write timeout of one attempt
 * @param retries            attempts after the first, with backoff 1 s, 2 s, 4 s, …
 * @param queueCapacity      emails waiting to be sent at most; more are dropped (and audited), never waited for
 */
@ConfigurationProperties("steward.mail")
public record MailProperties(
    String host,
    Integer port,
    String username,
    String password,
    String passwordFile,
    String from,
    @DefaultValue("starttls") Security security,
    List<String> securityRecipients,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("3") int retries,
    @DefaultValue("100") int queueCapacity) {

  /** How the connection to the SMTP server is protected. */
  public enum Security {
    STARTTLS(587), TLS(465), NONE(25);

    private final int defaultPort;

    Security(int defaultPort) {
      this.defaultPort = defaultPort;
    }
  }

  public MailProperties {
    host = blankToNull(host);
    username = blankToNull(username);
    password = blankToNull(password);
    passwordFile = blankToNull(passwordFile);
    from = blankToNull(from);
    security = security == null ? Security.STARTTLS : security;
    securityRecipients = securityRecipients == null ? List.of()
        : securityRecipients.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    retries = Math.max(0, retries);
    queueCapacity = Math.max(1, queueCapacity);
  }

  public static MailProperties off() {
    return new MailProperties(null, null, null, null, null, null, Security.STARTTLS, List.of(), Duration.ofSeconds(10), 3, 100);
  }

  public int effectivePort() {
    return port == null || port <= 0 ? security.defaultPort : port;
  }

  @Override
  public String toString() {
    return "MailProperties[host=" + host + ", port=" + effectivePort() + ", security=" + security + ", from=" + from + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", passwordFile=" + passwordFile + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
