package io.steward.records;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.records.index.IndexTokens;
import io.steward.records.index.SortIndex;
import io.steward.records.internal.FillCounts;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordJobStore;
import io.steward.records.store.RecordStore;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.FieldChanged;
import io.steward.schema.FieldRetired;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.RecordId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewrites existing records after a schema change, in the background and in small transactions, so no change
 * ever blocks or locks the record table: re-sealing values whose field changed classification (and re-indexing
 * them), and erasing the values of a field retired with "erase". Each erasure is audited. Jobs are idempotent; one
 * cut short by a restart runs again at start-up.
 */
@Service
public class RecordJobs {

  private static final Logger log = LoggerFactory.getLogger(RecordJobs.class);
  private static final int BATCH = 200;

  private final RecordJobStore jobs;
  private final RecordStore store;
  private final RecordCodec codec;
  private final IndexTokens tokens;
  private final SortIndex sortIndex;
  private final FillCounts fillCounts;
  private final SchemaRegistry schema;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final AtomicInteger pending = new AtomicInteger();
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "record-jobs");
    t.setDaemon(true);
    return t;
  });

  RecordJobs(RecordJobStore jobs, RecordStore store, RecordCodec codec, IndexTokens tokens, SortIndex sortIndex, FillCounts fillCounts,
      SchemaRegistry schema, AuditTrail audit, TransactionTemplate tx, Clock clock) {
    this.jobs = jobs;
    this.store = store;
    this.codec = codec;
    this.tokens = tokens;
    this.sortIndex = sortIndex;
    this.fillCounts = fillCounts;
    this.schema = schema;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onRetired(FieldRetired e) {
    if (e.eraseValues()) {
      submit(RecordJob.Kind.ERASE, e.field().objectType(), e.field().apiName(), e.actor().actorId());
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onChanged(FieldChanged e) {
    submit(RecordJob.Kind.RESEAL, e.after().objectType(), e.after().apiName(), e.actor().actorId());
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    for (RecordJob j : jobs.unfinished()) {
      pending.incrementAndGet();
      executor.submit(() -> run(j));
    }
  }

  public List<RecordJob> recent() {
    return jobs.recent(20);
  }

  /** Waits until every submitted job has finished (tests and the benchmark); false if the time ran out. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  UUID submit(RecordJob.Kind kind, String objectType, String field, String actor) {
    RecordJob j = new RecordJob(UUID.randomUUID(), kind, objectType, field, "queued", 0, 0, actor, clock.instant(), null);
    tx.executeWithoutResult(s -> jobs.insert(j));
    pending.incrementAndGet();
    executor.submit(() -> run(j));
    return j.id();
  }

  private void run(RecordJob j) {
    try {
      long processed = 0;
      long changed = 0;
      UUID after = null;
      jobs.progress(j.id(), "running", 0, 0, null);
      while (true) {
        ObjectDef o = schema.require(j.objectType());
        List<StoredRecord> batch = store.scan(o.apiName(), after, BATCH);
        if (batch.isEmpty()) {
          break;
        }
        Integer n = tx.execute(s -> rewrite(j, o, batch));
        changed += n == null ? 0 : n;
        processed += batch.size();
        after = batch.get(batch.size() - 1).id();
        jobs.progress(j.id(), "running", processed, changed, null);
      }
      jobs.progress(j.id(), "done", processed, changed, clock.instant());
      log.info("Record job {} {} {}.{}: {} of {} records rewritten", j.id(), j.kind(), j.objectType(), j.field(), changed, processed);
    } catch (RuntimeException e) {
      log.error("Record job {} failed ({}); it runs again at the next start", j.id(), e.getClass().getName());
    } finally {
      pending.decrementAndGet();
    }
  }

  /** Rewrites the records of one batch that hold a value of the field; a record changed meanwhile is read again. */
  private int rewrite(RecordJob j, ObjectDef o, List<StoredRecord> batch) {
    Map<UUID, Map<String, Object>> values = codec.decodeAll(o, batch);
    List<String> touched = new ArrayList<>();
    for (StoredRecord r : batch) {
      StoredRecord current = r;
      Map<String, Object> v = values.get(r.id());
      for (int attempt = 0; attempt < 3 && current != null && v.get(j.field()) != null; attempt++) {
        if (rewriteOne(j, o, current, v)) {
          touched.add(r.id().toString());
          break;
        }
        current = store.find(o.apiName(), r.id()).orElse(null);
        v = current == null ? Map.of() : codec.decode(o, current);
      }
    }
    if (j.kind() == RecordJob.Kind.ERASE && !touched.isEmpty()) {
      audit.record(new AuditEvent(clock.instant(), AuditActions.RECORD_ERASE, j.requestedBy(), o.apiName(), touched, List.of(j.field()), null,
          "success", null, null, null, Map.of("cause", "field retired with erase", "job", j.id().toString())));
    }
    return touched.size();
  }

  private boolean rewriteOne(RecordJob j, ObjectDef o, StoredRecord r, Map<String, Object> before) {
    Map<String, Object> after = new HashMap<>(before);
    if (j.kind() == RecordJob.Kind.ERASE) {
      after.remove(j.field());
    }
    if (!store.lockAtVersion(r.id(), r.version())) {
      return false; // changed since it was read; the next pass takes the new version
    }
    Instant now = clock.instant();
    RecordCodec.Encoded e = codec.encode(o, new RecordId(r.id()), after);
    StoredRecord next = new StoredRecord(r.id(), o.apiName(), r.ownerId(), r.team(), r.version() + 1, r.createdAt(), now, r.purposes(),
        e.plain(), e.personal(), e.sensitive());
    if (!store.update(next, r.version())) {
      return false;
    }
    store.replaceIndex(o.apiName(), r.id(), tokens.entries(o, after));
    if (j.kind() == RecordJob.Kind.ERASE) {
      fillCounts.changed(o.apiName(), FillCounts.Presence.of(r.purposes(), before), FillCounts.Presence.of(r.purposes(), after));
    }
    org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
        new org.springframework.transaction.support.TransactionSynchronization() {
          @Override
          public void afterCommit() {
            sortIndex.put(o, next, after);
          }
        });
    return true;
  }
}
