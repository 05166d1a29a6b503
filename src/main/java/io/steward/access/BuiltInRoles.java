package io.steward.access;

import static io.steward.access.FieldLevel.EDIT;
import static io.steward.access.FieldLevel.HIDDEN;
import static io.steward.access.FieldLevel.MASKED;
import static io.steward.access.FieldLevel.READ;
import static io.steward.access.ObjectAction.CREATE;
import static io.steward.access.ObjectAction.DELETE;
import static io.steward.access.ObjectAction.EXPORT;
import static io.steward.access.ObjectAction.UPDATE;
import static io.steward.shared.Classification.INTERNAL;
import static io.steward.shared.Classification.PERSONAL;
import static io.steward.shared.Classification.PUBLIC;
import static io.steward.shared.Classification.SENSITIVE;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The roles every Steward starts with; admins can edit them and add their own. */
public final class BuiltInRoles {

  private BuiltInRoles() {}

  private static final Set<ObjectAction> ALL_ACTIONS = EnumSet.allOf(ObjectAction.class);
  private static final Set<ObjectAction> WORK = EnumSet.of(ObjectAction.READ, CREATE, UPDATE, DELETE);
  private static final Set<ObjectAction> READ_ONLY = EnumSet.of(ObjectAction.READ);

  public static List<RolePolicy> all() {
    return List.of(admin(), manager(), sales(), support(), marketing(), vendor());
  }

  public static RolePolicy admin() {
    return new RolePolicy("admin", "Administrator", true, RecordScope.ALL, Map.of("*", ALL_ACTIONS),
        Map.of(PUBLIC, EDIT, INTERNAL, EDIT, PERSONAL, EDIT, SENSITIVE, EDIT), Map.of(), EnumSet.allOf(AdminPermission.class));
  }

  static RolePolicy manager() {
    return new RolePolicy("manager", "Manager", true, RecordScope.ALL, Map.of("*", ALL_ACTIONS),
        Map.of(PUBLIC, EDIT, INTERNAL, EDIT, PERSONAL, EDIT, SENSITIVE, READ), Map.of(), EnumSet.of(AdminPermission.VIEW_AUDIT));
  }

  static RolePolicy sales() {
    return new RolePolicy("sales", "Sales", true, RecordScope.TEAM, Map.of("*", WORK),
        Map.of(PUBLIC, EDIT, INTERNAL, EDIT, PERSONAL, EDIT, SENSITIVE, MASKED), Map.of(), Set.of());
  }

  static RolePolicy support() {
    return new RolePolicy("support", "Support", true, RecordScope.ALL,
        Map.of("contact", EnumSet.of(ObjectAction.READ, UPDATE), "company", READ_ONLY, "deal", Set.of(),
            "activity", EnumSet.of(ObjectAction.READ, CREATE, UPDATE), "*", READ_ONLY),
        Map.of(PUBLIC, EDIT, INTERNAL, EDIT, PERSONAL, READ, SENSITIVE, HIDDEN), Map.of(), Set.of());
  }

  /** Newsletter work: first name, last name and email of contacts, nothing more. */
  static RolePolicy marketing() {
    return new RolePolicy("marketing", "Marketing", true, RecordScope.ALL,
        Map.of("contact", EnumSet.of(ObjectAction.READ, CREATE, UPDATE, EXPORT), "company", READ_ONLY),
        Map.of(PUBLIC, READ, INTERNAL, HIDDEN, PERSONAL, HIDDEN, SENSITIVE, HIDDEN),
        Map.of("contact.firstName", EDIT, "contact.lastName", EDIT, "contact.email", EDIT, "company.name", READ),
        Set.of());
  }

  /** Outside help: no personal or sensitive fields unless a grant adds them. */
  static RolePolicy vendor() {
    return new RolePolicy("vendor", "Vendor", true, RecordScope.ALL, Map.of("company", READ_ONLY, "deal", READ_ONLY),
        Map.of(PUBLIC, READ, INTERNAL, READ, PERSONAL, HIDDEN, SENSITIVE, HIDDEN), Map.of(), Set.of());
  }
}
