/**
 * Who may do what: users, roles, grants that expire, sessions and API tokens kept in the database, and the
 * one {@link io.steward.access.AccessPolicy} that decides every object, record and field access.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "guard", "shared"})
package io.steward.access;
