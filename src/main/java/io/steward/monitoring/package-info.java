/**
 * Watching and reacting: per-user baselines learned from the audit stream, misuse rules evaluated as each
 * event is committed, responses that act in the request path (end sessions, suspend, block exports) and
 * incidents with their timeline. See docs/monitoring.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "access", "shared"})
package io.steward.monitoring;
