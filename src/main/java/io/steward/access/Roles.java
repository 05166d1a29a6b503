package io.steward.access;

import io.steward.access.store.RolePolicyJson;
import io.steward.access.store.RoleStore;
import io.steward.access.store.RoleStore.RoleRow;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The roles of this Steward: the built-in ones (seeded at first start, editable) and custom ones. */
@Service
public class Roles {

  private final RoleStore store;
  private final AccessChanges changes;
  private final StepUp stepUp;
  private final AuditTrail audit;
  private final Clock clock;
  private final Map<String, RolePolicy> cache = new ConcurrentHashMap<>();

  Roles(RoleStore store, AccessChanges changes, TransactionTemplate tx, StepUp stepUp, AuditTrail audit, Clock clock) {
    this.store = store;
    this.changes = changes;
    this.stepUp = stepUp;
    this.audit = audit;
    this.clock = clock;
    tx.executeWithoutResult(s -> {
      for (RolePolicy r : BuiltInRoles.all()) {
        if (!store.exists(r.name())) {
          store.insert(new RoleRow(r.name(), r.label(), true, RolePolicyJson.write(r)));
        }
      }
    });
    changes.onChange(cache::clear);
  }

  public List<RolePolicy> all() {
    return store.all().stream().map(Roles::toPolicy).toList();
  }

  public Optional<RolePolicy> find(String name) {
    RolePolicy cached = cache.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<RolePolicy> loaded = store.find(name).map(Roles::toPolicy);
    loaded.ifPresent(p -> cache.put(name, p));
    return loaded;
  }

  /** Creates or replaces a role; takes effect on every node within seconds. */
  public void save(RolePolicy policy) {
    RoleRow row = new RoleRow(policy.name(), policy.label(), policy.builtin(), RolePolicyJson.write(policy));
    if (store.exists(policy.name())) {
      store.update(row);
    } else {
      store.insert(row);
    }
    changes.changed();
  }

  /** Sets whether holding a role requires a second factor (null: the default, see {@link RolePolicy#mfaRequiredByDefault()}). */
  public void setMfaRequired(Principal actor, String name, Boolean required) {
    stepUp.require(actor, StepUp.CHANGE_ROLES);
    RolePolicy role = find(name).orElseThrow(() -> new AccessRequestException("role", "No role named '" + name + "'."));
    save(role.withMfaRequired(required));
    audit.record(new AuditEvent(clock.instant(), AuditActions.ROLE_CHANGED, actor.actorId(), "role", List.of(name), List.of(), null, "success",
        actor.request().ip(), actor.request().userAgent(), actor.request().requestId(),
        Map.of("change", "mfa-required", "value", required == null ? "default" : required.toString())));
  }

  /** Creates or replaces a role on behalf of a person (after step-up). */
  public void save(Principal actor, RolePolicy policy) {
    stepUp.require(actor, StepUp.CHANGE_ROLES);
    save(policy);
  }

  public boolean delete(String name) {
    boolean deleted = store.delete(name) == 1;
    changes.changed();
    return deleted;
  }

  private static RolePolicy toPolicy(RoleRow r) {
    return RolePolicyJson.read(r.name(), r.label(), r.builtin(), r.policyJson());
  }
}
