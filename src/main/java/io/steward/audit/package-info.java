/** The tamper-evident audit trail: recording, hash chain, checkpoints, verification, queries and SIEM export. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"crypto", "shared"})
package io.steward.audit;
