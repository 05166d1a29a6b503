package io.steward.access;

import io.steward.access.store.RolePolicyJson;
import io.steward.access.store.RoleStore;
import io.steward.access.store.RoleStore.RoleRow;
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
  private final Map<String, RolePolicy> cache = new ConcurrentHashMap<>();

  Roles(RoleStore store, AccessChanges changes, TransactionTemplate tx) {
    this.store = store;
    this.changes = changes;
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

  public boolean delete(String name) {
    boolean deleted = store.delete(name) == 1;
    changes.changed();
    return deleted;
  }

  private static RolePolicy toPolicy(RoleRow r) {
    return RolePolicyJson.read(r.name(), r.label(), r.builtin(), r.policyJson());
  }
}
