/**
 * Records of every object type behind one door, {@link io.steward.records.RecordService}: validation, the
 * never-keep guard, the access policy, sealing, search indexes and the audit trail, on every way in.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"schema", "guard", "crypto", "access", "audit", "shared"})
package io.steward.records;
