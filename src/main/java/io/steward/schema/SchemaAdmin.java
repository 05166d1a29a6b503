package io.steward.schema;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.schema.store.SchemaStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to the schema: audited, versioned, and in force on every node within seconds without a restart. */
@Service
public class SchemaAdmin {

  private final SchemaStore store;
  private final SchemaRegistry registry;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;

  SchemaAdmin(SchemaStore store, SchemaRegistry registry, AccessPolicy policy, AuditTrail audit, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
  }

  /** Replaces a picklist's options (e.g. the deal stages); existing values are kept as they are. */
  @Transactional
  public void setOptions(Principal p, String objectType, String field, List<String> options) {
    requireAdmin(p);
    FieldDef f = registry.require(objectType).field(field).orElseThrow(() -> new IllegalArgumentException("No field " + field));
    FieldDef updated = new FieldDef(f.objectType(), f.apiName(), f.label(), f.type(), f.classification(), f.required(), f.searchMode(),
        f.sortable(), f.purposes(), f.retentionDays(), f.maxLength(), f.min(), f.max(), f.pattern(), options, f.relationTarget(),
        f.helpText(), f.defaultValue(), f.position(), f.retired());
    store.updateField(updated);
    store.bumpVersion();
    audit.record(new AuditEvent(clock.instant(), AuditActions.SCHEMA_CHANGED, p.actorId(), objectType, List.of(), List.of(field), null,
        "success", p.request().ip(), p.request().userAgent(), p.request().requestId(), Map.of("change", "options", "options", String.join(",", options))));
    registry.reload();
  }

  private void requireAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SCHEMA)) {
      throw new SchemaAccessDeniedException();
    }
  }
}
