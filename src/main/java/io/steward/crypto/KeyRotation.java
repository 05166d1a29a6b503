package io.steward.crypto;

import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.DataKeyStore.WrappedKey;
import io.steward.crypto.store.RotationJobStore;
import io.steward.crypto.store.RotationJobStore.Job;
import io.steward.shared.RecordId;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online key rotation. A new key-encryption key becomes primary at once (new writes use it); a background
 * job then re-wraps every data key in batches and retires the old key only when none is left. The job's state
 * is in the database, so a crash resumes it. Blind-index rotation works the same way, with the record module's
 * {@link IndexRebuilder} recomputing tokens.
 */
public class KeyRotation {

  public static final String BLIND_INDEX = "blind-index";
  private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
  private static final int BATCH = 1000;

  private final KeyRing keys;
  private final DataKeyStore dataKeys;
  private final RotationJobStore jobs;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "key-rotation");
    t.setDaemon(true);
    return t;
  });
  private volatile IndexRebuilder indexRebuilder;

  public KeyRotation(KeyRing keys, DataKeyStore dataKeys, RotationJobStore jobs) {
    this.keys = keys;
    this.dataKeys = dataKeys;
    this.jobs = jobs;
  }

  /** The records module registers how to rebuild blind indexes. */
  public void register(IndexRebuilder rebuilder) {
    this.indexRebuilder = rebuilder;
  }

  public record Progress(long id, String kind, String state, long processed, long total, java.time.Instant startedAt, java.time.Instant finishedAt) {}

  /** Starts rotating a tier's key-encryption key; returns the job id. */
  public synchronized long rotateKek(Tier tier) {
    int newKey = keys.addPrimaryKek(tier);
    long id = jobs.start(kind(tier), newKey, dataKeys.countNotWrappedBy(tier.name(), newKey));
    log.info("Key rotation {} started for the {} tier", id, tier.name().toLowerCase());
    worker.submit(() -> runKek(id, tier));
    return id;
  }

  /** Starts rotating the blind-index key; returns the job id. */
  public synchronized long rotateBlindIndex() {
    if (indexRebuilder == null) {
      throw new IllegalStateException("No index rebuilder registered");
    }
    int newKey = keys.addPrimaryBlindIndexKey();
    long id = jobs.start(BLIND_INDEX, newKey, indexRebuilder.totalRecords());
    log.info("Blind-index rotation {} started", id);
    worker.submit(() -> runBlindIndex(id));
    return id;
  }

  /** Resumes rotations a crash or restart interrupted. */
  public void resumeUnfinished() {
    for (Job job : jobs.running()) {
      log.info("Resuming key rotation {} ({})", job.id(), job.kind());
      if (job.kind().equals(BLIND_INDEX)) {
        worker.submit(() -> runBlindIndex(job.id()));
      } else {
        worker.submit(() -> runKek(job.id(), Tier.valueOf(job.kind().substring("kek-".length()).toUpperCase())));
      }
    }
  }

  public List<Progress> recent() {
    return jobs.recent(20).stream().map(KeyRotation::progress).toList();
  }

  public java.util.Optional<Progress> find(long id) {
    return jobs.find(id).map(KeyRotation::progress);
  }

  /** Waits for queued rotations to finish (used by the CLI, which must not exit mid-way). */
  public void awaitIdle() throws Exception {
    Future<?> marker = worker.submit(() -> {});
    marker.get();
  }

  private void runKek(long jobId, Tier tier) {
    try {
      int target = keys.primaryKekId(tier);
      long processed = jobs.find(jobId).map(Job::processed).orElse(0L);
      while (true) {
        List<WrappedKey> batch = dataKeys.notWrappedBy(tier.name(), target, BATCH);
        if (batch.isEmpty()) {
          break;
        }
        List<byte[]> rewrapped = new ArrayList<>(batch.size());
        for (WrappedKey old : batch) {
          rewrapped.add(rewrap(old, tier, target));
        }
        dataKeys.rewrap(batch, target, rewrapped);
        processed += batch.size();
        jobs.progress(jobId, processed);
      }
      if (dataKeys.countNotWrappedBy(tier.name(), target) == 0) {
        keys.retireOldKeks(tier);
        jobs.finish(jobId);
        log.info("Key rotation {} finished: {} data keys re-wrapped, old {} key retired", jobId, processed, tier.name().toLowerCase());
      }
    } catch (RuntimeException e) {
      log.error("Key rotation {} stopped; it resumes at the next start or rotation", jobId, e);
    }
  }

  private byte[] rewrap(WrappedKey old, Tier tier, int target) {
    try {
      String objectType = old.objectType();
      RecordId id = new RecordId(old.recordId());
      byte[] ad = RecordCipher.associatedData("dek", objectType, id, tier);
      byte[] dek = keys.kek(tier).decrypt(old.wrapped(), ad);
      return keys.kek(tier).encrypt(dek, ad);
    } catch (GeneralSecurityException e) {
      throw new SealBrokenException("The data key of record " + old.recordId() + " does not open during rotation", e);
    }
  }

  private void runBlindIndex(long jobId) {
    try {
      long processed = indexRebuilder.rebuildStale(n -> jobs.progress(jobId, n));
      keys.retireOldBlindIndexKeys();
      jobs.finish(jobId);
      log.info("Blind-index rotation {} finished: {} records re-indexed, old key retired", jobId, processed);
    } catch (RuntimeException e) {
      log.error("Blind-index rotation {} stopped; it resumes at the next start", jobId, e);
    }
  }

  private static String kind(Tier tier) {
    return "kek-" + tier.name().toLowerCase();
  }

  private static Progress progress(Job j) {
    return new Progress(j.id(), j.kind(), j.state(), j.processed(), j.total(), j.startedAt(), j.finishedAt());
  }
}
