/**
 * The REST API shell under {@code /api/v1}: records of every object type, the caller's own account and tokens,
 * user and grant administration, the schema and security incidents, as JSON with RFC 9457 problem details for every error. It
 * decides nothing itself: every read and write goes through {@link io.steward.records.RecordService} or the
 * access module's services, which ask the access policy.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"records", "schema", "access", "guard", "audit", "imports", "monitoring", "shared"})
package io.steward.api;
