package io.steward.access;

import io.steward.access.mail.Outbox;
import io.steward.access.mail.SmtpTransport;
import io.steward.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Email notifications over SMTP, where {@code STEWARD_MAIL_HOST} is set (otherwise {@link #send} does nothing and
 * notices stay in-app). {@link #send} only queues: a background sender delivers with retries, so no caller ever
 * waits for an SMTP server, and a lost email never takes an in-app notice with it (callers store that first).
 * Each delivery or failure is audited ({@code notification.sent}: kind, recipients' count, attempts; never the body).
 *
 * <p>What goes into an email is the caller's responsibility and is held to one rule: counts, rule names, incident
 * ids, staff accounts and a link into Steward ({@link #link}); never a value of a customer record.
 */
@Service
public class Mailer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  /** How long shutdown waits for queued emails to go out before it gives them up (each is then audited as not sent). */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
  /**
   * Stops after the web server (whose last requests may still open incidents and queue their emails) and before the
   * audit writer (which records what was sent and what was not): a higher phase stops earlier.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

  /**
   * One email. {@code objectType} and {@code ids} name what it is about for the audit trail (an incident id, the
   * user reminded); {@code kind} says which notice it is ("access-review", "security").
   */
  public record Email(List<String> to, String subject, String body, String kind, String objectType, List<String> ids) {
    public Email {
      to = List.copyOf(to);
      ids = ids == null ? List.of() : List.copyOf(ids);
    }

    @Override
    public String toString() {
      return "Email[kind=" + kind + ", recipients=" + to.size() + ", " + objectType + "=" + ids + "]";
    }
  }

  /** What the settings pages show: never the password, only whether one is set. */
  public record Status(boolean configured, String problem, String host, int port, MailProperties.Security security, String from, String username,
      boolean passwordSet, List<String> securityRecipients, int queued, long sent, long failed, Instant lastFailureAt) {}

  private final MailProperties config;
  private final String baseUrl;
  private final boolean passwordSet;
  private final String problem;
  private final Outbox outbox;
  private volatile boolean running;

  Mailer(MailProperties config, AuditTrail audit, Clock clock, @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
    this.config = config == null ? MailProperties.off() : config;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    String password = Secrets.valueOrFile(this.config.password(), this.config.passwordFile(), "STEWARD_MAIL_PASSWORD_FILE");
    this.passwordSet = password != null;
    if (this.config.host() == null) {
      this.problem = null;
      this.outbox = null;
    } else if (this.config.from() == null) {
      this.problem = "STEWARD_MAIL_FROM is not set";
      this.outbox = null;
      log.error("STEWARD_MAIL_HOST is set but STEWARD_MAIL_FROM is not: no email is sent, notices stay in-app");
    } else {
      this.problem = null;
      this.outbox = new Outbox(new SmtpTransport(this.config, password), audit, clock, this.config.queueCapacity(), this.config.retries(),
          FIRST_BACKOFF);
      if (this.config.security() == MailProperties.Security.NONE && !loopback(this.config.host())) {
        log.warn("STEWARD_MAIL_SECURITY=none: emails{} cross the network to {} unencrypted; use starttls or tls",
            this.config.username() == null ? "" : " and the SMTP password", this.config.host());
      }
      log.info("Email notifications on: {}:{} ({}), from {}", this.config.host(), this.config.effectivePort(),
          this.config.security().name().toLowerCase(), this.config.from());
    }
  }

  public boolean configured() {
    return outbox != null;
  }

  /** The configured recipients of security incidents (empty: the caller picks the security administrators). */
  public List<String> securityRecipients() {
    return config.securityRecipients();
  }

  /** The page at this path in Steward, at its public address ({@code STEWARD_BASE_URL}). */
  public String link(String path) {
    return baseUrl + path;
  }

  /** Queues the email; false if email is off, it has no recipient, or the queue is full (dropped, logged, audited). Never blocks. */
  public boolean send(Email email) {
    if (outbox == null || email.to().isEmpty()) {
      return false;
    }
    try {
      return outbox.offer(email);
    } catch (RuntimeException e) {
      log.warn("Email '{}' not queued: {}", email.kind(), e.getClass().getSimpleName());
      return false;
    }
  }

  public Status status() {
    return new Status(configured(), problem, config.host(), config.effectivePort(), config.security(), config.from(), config.username(), passwordSet,
        config.securityRecipients(), outbox == null ? 0 : outbox.queued(), outbox == null ? 0 : outbox.sent(), outbox == null ? 0 : outbox.failed(),
        outbox == null ? null : outbox.lastFailureAt());
  }

  @Override
  public void start() {
    running = true;
  }

  /** Gives queued emails {@link #SHUTDOWN_GRACE} to go out; whatever is left is logged and audited as not sent. */
  @Override
  public void stop() {
    running = false;
    if (outbox != null) {
      outbox.close(SHUTDOWN_GRACE);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** By name only (no lookup at start): localhost, 127.x.x.x, ::1. */
  private static boolean loopback(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }
}
