package io.steward.monitoring.respond;

import io.steward.access.Accounts;
import io.steward.access.ApiTokens;
import io.steward.access.FreshMfa;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.monitoring.Incident;
import io.steward.monitoring.MonitorSettings;
import io.steward.monitoring.Response;
import io.steward.monitoring.rules.Finding;
import io.steward.monitoring.store.IncidentStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on findings in the thread that recorded the event, before the caller's response goes out: the
 * in-memory containment first (this node refuses the account from now on), then the account change in a
 * transaction of its own (the caller may be inside a read-only one), then the incident. Notices and the
 * webhook go out on another thread.
 */
@Component
public class Responder {

  private static final Logger log = LoggerFactory.getLogger(Responder.class);

  private final MonitorSettings settings;
  private final IncidentBook book;
  private final IncidentStore incidents;
  private final ContainedUsers contained;
  private final Accounts accounts;
  private final ApiTokens tokens;
  private final FreshMfa freshMfa;
  private final AuditTrail audit;
  private final Notifier notifier;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  Responder(MonitorSettings settings, IncidentBook book, IncidentStore incidents, ContainedUsers contained, Accounts accounts, ApiTokens tokens,
      FreshMfa freshMfa, AuditTrail audit, Notifier notifier, PlatformTransactionManager transactions, Clock clock) {
    this.settings = settings;
    this.book = book;
    this.incidents = incidents;
    this.contained = contained;
    this.accounts = accounts;
    this.tokens = tokens;
    this.freshMfa = freshMfa;
    this.audit = audit;
    this.notifier = notifier;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  public void act(List<Finding> findings) {
    for (Finding f : findings) {
      Response response = settings.of(f.rule()).response();
      if (response == Response.SUSPEND && f.userId() != null) {
        contained.suspend(f.userId());
      } else if (response == Response.BLOCK_EXPORT && f.userId() != null) {
        contained.blockExports(f.userId());
      } else if (response == Response.REQUIRE_MFA && f.userId() != null) {
        contained.freshMfaDemanded(f.userId());
      }
      try {
        Optional<Incident> opened = ownTransaction.execute(tx -> book.openOrJoin(f, response));
        if (opened.isPresent()) {
          Incident i = opened.get();
          if (f.userId() != null && response != Response.ALERT) {
            ownTransaction.executeWithoutResult(tx -> contain(i, f.userId(), response));
            if (response == Response.REQUIRE_MFA) {
              // requests of the account still running on this node may hold a principal from before the commit
              contained.freshMfaDemanded(f.userId());
            }
          }
          notifier.opened(incidents.find(i.id()).orElse(i));
        }
      } catch (RuntimeException e) {
        // The in-memory containment above holds whatever the database does.
        log.error("Monitor response to {} for {} failed: {}", f.rule().id(), f.subject(), e.toString());
      }
    }
  }

  private void contain(Incident i, UUID userId, Response response) {
    Principal monitor = Principal.system();
    Map<String, String> details = new HashMap<>(Map.of("response", response.name().toLowerCase(), "rule", i.rule().id(), "incident", i.id().toString()));
    switch (response) {
      case SUSPEND -> accounts.setEnabled(monitor, userId, false);
      case END_SESSIONS -> endSessionsAndTokens(monitor, userId);
      case REQUIRE_MFA -> {
        if (!freshMfa.demand(monitor, userId, Map.of("rule", i.rule().id(), "incident", i.id().toString()))) {
          // no second factor to ask for: the person signs in again instead
          endSessionsAndTokens(monitor, userId);
          details.put("instead", "end_sessions");
        }
      }
      default -> { }
    }
    incidents.contained(i.id(), clock.instant());
    audit.record(new AuditEvent(clock.instant(), AuditActions.CONTAINED, "system", "user", List.of(userId.toString()), List.of(), null, "success",
        null, null, null, details));
  }

  private void endSessionsAndTokens(Principal monitor, UUID userId) {
    contained.sessionsEnded(userId);
    accounts.endSessions(monitor, userId);
    tokens.of(userId).stream().filter(t -> t.revokedAt() == null).forEach(t -> tokens.revoke(monitor, t.id()));
  }

  /** An administrator enabled the account again: this node stops refusing it. */
  public void released(UUID userId) {
    contained.release(userId);
  }
}
