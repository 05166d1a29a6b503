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

  private final AccessPolicy accessPolicy;

  Roles(RoleStore store, AccessChanges changes, TransactionTemplate tx, AccessPolicy accessPolicy, StepUp stepUp, AuditTrail audit,
      Clock clock) {
    this.store = store;
    this.changes = changes;
    this.accessPolicy = accessPolicy;
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

  /** An administrator creates or changes a role: checked, stepped up, audited, in force everywhere within seconds. */
  public void save(Principal actor, RolePolicy policy) {
    stepUp.require(actor, StepUp.CHANGE_ROLES);
    if (!accessPolicy.mayAdmin(actor, AdminPermission.MANAGE_ROLES)) {
      throw new AccessRequestException("role", "Your roles do not allow you to change roles.");
    }
    if (!policy.name().matches("[a-z][a-z0-9-]{1,63}")) {
      throw new AccessRequestException("name", "Role names use lower-case letters, digits and dashes (2 to 64 characters).");
    }
    boolean existed = store.exists(policy.name());
    save(policy);
    audit.record(new AuditEvent(clock.instant(), AuditActions.ROLE_CHANGED, actor.actorId(), "role",
        List.of(policy.name()), List.of(), null, "success", actor.request().ip(), actor.request().userAgent(), actor.request().requestId(),
        Map.of("change", existed ? "updated" : "created", "policy", RolePolicyJson.write(policy))));
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
    RolePolicy role = find(name).orElseThrow(() -> new AccessRequestException("role", "There is no such role."));
    save(role.withMfaRequired(required));
    audit.record(new AuditEvent(clock.instant(), AuditActions.ROLE_CHANGED, actor.actorId(), "role", List.of(name), List.of(), null, "success",
        actor.request().ip(), actor.request().userAgent(), actor.request().requestId(),
        Map.of("change", "mfa-required", "value", required == null ? "default" : required.toString())));
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
