package io.steward.access;

import io.steward.shared.Classification;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one place that decides who may see and do what: object actions, record scope and field levels.
 * Default deny: a principal without a role that names a permission does not have it. Controllers, pages
 * and importers never decide for themselves; the record service asks here.
 */
@Component
public class AccessPolicy {

  public boolean mayObject(Principal p, String objectType, ObjectAction action) {
    for (RolePolicy role : p.roles()) {
      if (role.actionsOn(objectType).contains(action)) {
        return true;
      }
    }
    return false;
  }

  public FieldLevel fieldLevel(Principal p, String objectType, String field, Classification classification) {
    FieldLevel best = FieldLevel.HIDDEN;
    for (RolePolicy role : p.roles()) {
      best = FieldLevel.max(best, role.fieldLevel(objectType, field, classification));
    }
    return best;
  }

  /** Whether a record owned by {@code ownerId} in {@code team} is within the principal's reach. */
  public boolean inScope(Principal p, UUID ownerId, String team) {
    return inScope(scope(p), p, ownerId, team);
  }

  /** The same decision as {@link #inScope(Principal, UUID, String)}, fixed once for walking many records. */
  public java.util.function.BiPredicate<UUID, String> scopeFilter(Principal p) {
    RecordScope scope = scope(p);
    return (ownerId, team) -> inScope(scope, p, ownerId, team);
  }

  private static boolean inScope(RecordScope scope, Principal p, UUID ownerId, String team) {
    return switch (scope) {
      case ALL -> true;
      case TEAM -> (team != null && team.equals(p.team())) || p.userId().equals(ownerId);
      case OWN -> p.userId().equals(ownerId);
    };
  }

  public RecordScope scope(Principal p) {
    RecordScope best = RecordScope.OWN;
    for (RolePolicy role : p.roles()) {
      best = RecordScope.max(best, role.scope());
    }
    return best;
  }

  public boolean mayAdmin(Principal p, AdminPermission permission) {
    for (RolePolicy role : p.roles()) {
      if (role.admin().contains(permission)) {
        return true;
      }
    }
    return false;
  }

  /** Lists and exports carry sensitive values only for roles with this permission. */
  public boolean mayExportSensitive(Principal p) {
    return mayAdmin(p, AdminPermission.EXPORT_SENSITIVE);
  }
}
