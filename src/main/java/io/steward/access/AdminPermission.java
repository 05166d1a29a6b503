package io.steward.access;

/** Administrative powers, granted by role. */
public enum AdminPermission {
  MANAGE_USERS,
  MANAGE_ROLES,
  MANAGE_SCHEMA,
  MANAGE_KEYS,
  VIEW_AUDIT,
  MANAGE_SECURITY,
  /** Lists and exports may carry sensitive values. */
  EXPORT_SENSITIVE
}
