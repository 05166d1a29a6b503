package io.steward.access;

import io.steward.shared.Classification;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What one role permits: object actions per object type ("*" for every type), a field level per
 * classification with per-field overrides ("contact.email"), a record scope and administrative powers.
 * Anything not named is denied. {@code mfaRequired} is the administrator's choice for this role; null means
 * the default: required for any administrative power or for sensitive fields readable.
 */
public record RolePolicy(
    String name,
    String label,
    boolean builtin,
    RecordScope scope,
    Map<String, Set<ObjectAction>> objects,
    Map<Classification, FieldLevel> classifications,
    Map<String, FieldLevel> fields,
    Set<AdminPermission> admin,
    Boolean mfaRequired) {

  public RolePolicy {
    objects = Map.copyOf(objects);
    classifications = classifications.isEmpty() ? Map.of() : new EnumMap<>(classifications);
    fields = Map.copyOf(fields);
    admin = admin.isEmpty() ? Set.of() : EnumSet.copyOf(admin);
  }

  public RolePolicy(String name, String label, boolean builtin, RecordScope scope, Map<String, Set<ObjectAction>> objects,
      Map<Classification, FieldLevel> classifications, Map<String, FieldLevel> fields, Set<AdminPermission> admin) {
    this(name, label, builtin, scope, objects, classifications, fields, admin, null);
  }

  /** Whether holding this role requires a second factor at sign-in. */
  public boolean requiresMfa() {
    return mfaRequired != null ? mfaRequired : mfaRequiredByDefault();
  }

  /** Admins, and anyone who can read sensitive fields, need a second factor unless an administrator decides otherwise. */
  public boolean mfaRequiredByDefault() {
    return !admin.isEmpty() || classifications.getOrDefault(Classification.SENSITIVE, FieldLevel.HIDDEN).atLeast(FieldLevel.READ);
  }

  public RolePolicy withName(String newName) {
    return new RolePolicy(newName, newName, false, scope, objects, classifications, fields, admin, mfaRequired);
  }

  public RolePolicy withMfaRequired(Boolean required) {
    return new RolePolicy(name, label, builtin, scope, objects, classifications, fields, admin, required);
  }

  public Set<ObjectAction> actionsOn(String objectType) {
    Set<ObjectAction> specific = objects.get(objectType);
    return specific != null ? specific : objects.getOrDefault("*", Set.of());
  }

  public FieldLevel fieldLevel(String objectType, String field, Classification classification) {
    FieldLevel specific = fields.get(objectType + "." + field);
    return specific != null ? specific : classifications.getOrDefault(classification, FieldLevel.HIDDEN);
  }
}
