package io.steward.audit.write;

import io.steward.audit.AuditEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One caller's events and the future it waits on until they are committed. */
record Pending(List<AuditEvent> events, CompletableFuture<Void> done) {}
