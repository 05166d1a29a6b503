package io.steward.crypto;

import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.DataKeyStore.WrappedKey;
import io.steward.crypto.store.RotationJobStore;
import io.steward.crypto.store.RotationJobStore.Job;
import io.steward.shared.RecordId;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online key rotation. A new key-encryption key becomes primary at once (new writes use it); a background
 * job then re-wraps every data key in batches and retires the old key only when none is left and no open
 * transaction still writes with it. The job's state is in the database, so a crash resumes it. Blind-index
 * rotation works the same way, with the record module's {@link IndexRebuilder} recomputing tokens.
 */
public class KeyRotation {

  public static final String BLIND_INDEX = "blind-index";
  private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
  private static final Duration WRITERS_GRACE = Duration.ofMinutes(5);

  private final KeyRing keys;
  private final DataKeyStore dataKeys;
  private final RotationJobStore jobs;
  private final int batchSize;
  private final Set<Long> stopped = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "key-rotation");
    t.setDaemon(true);
    return t;
  });
  private volatile IndexRebuilder indexRebuilder;
  private volatile int crashAfterBatches = -1;

  public KeyRotation(KeyRing keys, DataKeyStore dataKeys, RotationJobStore jobs) {
    this(keys, dataKeys, jobs, 1000);
  }

  public KeyRotation(KeyRing keys, DataKeyStore dataKeys, RotationJobStore jobs, int batchSize) {
    this.keys = keys;
    this.dataKeys = dataKeys;
    this.jobs = jobs;
    this.batchSize = batchSize;
  }

  /** The records module registers how to rebuild blind indexes. */
  public void register(IndexRebuilder rebuilder) {
    this.indexRebuilder = rebuilder;
  }

  /** A job as an operator sees it; {@code state} is running, stopped (resumes at the next start), done or incomplete. */
  public record Progress(long id, String kind, String state, long processed, long total, Instant startedAt, Instant finishedAt) {

    public int percent() {
      return total <= 0 ? (state.equals("done") ? 100 : 0) : (int) Math.min(100, processed * 100 / total);
    }
  }

  /** One keyset's key ids (never key material) and, for key-encryption keys, how many data keys each wraps. */
  public record KeySet(String name, int primary, List<Integer> ids, Map<Integer, Long> dataKeysByKey) {

    public boolean rotating() {
      return ids.size() > 1;
    }
  }

  /** The key ids in force: one keyset per tier and the blind-index keyset. */
  public List<KeySet> keySets() {
    Map<String, Map<Integer, Long>> counts = dataKeys.countByKek();
    List<KeySet> out = new ArrayList<>();
    for (Tier tier : Tier.values()) {
      out.add(new KeySet(tier.keysetName(), keys.primaryKekId(tier), keys.kekIds(tier), counts.getOrDefault(tier.name(), Map.of())));
    }
    out.add(new KeySet(BLIND_INDEX, keys.primaryBlindIndexKeyId(), keys.blindIndexKeyIds(), Map.of()));
    return out;
  }

  /** Starts rotating a tier's key-encryption key; returns the job id. */
  public synchronized long rotateKek(Tier tier) {
    int newKey = keys.addPrimaryKek(tier);
    long id = jobs.start(kind(tier), newKey, dataKeys.countNotWrappedBy(tier.name(), newKey));
    log.info("Key rotation {} started for the {} tier", id, tier.keysetName());
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

  /**
   * Resumes rotations a crash or restart interrupted, and finishes one that crashed after its new key was saved but
   * before its job was recorded (a keyset with old keys and no running job). Called once at start-up.
   */
  public synchronized void resumeUnfinished() {
    List<Job> running = jobs.running();
    for (Job job : running) {
      if (job.kind().equals(BLIND_INDEX) && indexRebuilder == null) {
        log.warn("Blind-index rotation {} cannot resume: no index rebuilder is registered", job.id());
        continue;
      }
      log.info("Resuming key rotation {} ({}) at {} of {}", job.id(), job.kind(), job.processed(), job.total());
      stopped.remove(job.id());
      worker.submit(job.kind().equals(BLIND_INDEX) ? () -> runBlindIndex(job.id()) : () -> runKek(job.id(), tierOf(job.kind())));
    }
    for (Tier tier : Tier.values()) {
      if (keys.kekIds(tier).size() > 1 && running.stream().noneMatch(j -> j.kind().equals(kind(tier)))) {
        int target = keys.primaryKekId(tier);
        long id = jobs.start(kind(tier), target, dataKeys.countNotWrappedBy(tier.name(), target));
        log.info("Key rotation {} started to retire the old {} keys left by an interrupted rotation", id, tier.keysetName());
        worker.submit(() -> runKek(id, tier));
      }
    }
    if (indexRebuilder != null && keys.blindIndexKeyIds().size() > 1 && running.stream().noneMatch(j -> j.kind().equals(BLIND_INDEX))) {
      long id = jobs.start(BLIND_INDEX, keys.primaryBlindIndexKeyId(), indexRebuilder.totalRecords());
      log.info("Blind-index rotation {} started to retire old keys left by an interrupted rotation", id);
      worker.submit(() -> runBlindIndex(id));
    }
  }

  public List<Progress> recent() {
    return jobs.recent(20).stream().map(this::progress).toList();
  }

  public Optional<Progress> find(long id) {
    return jobs.find(id).map(this::progress);
  }

  /** Waits for queued rotations to finish (used by the CLI, which must not exit mid-way). */
  public void awaitIdle() throws Exception {
    Future<?> marker = worker.submit(() -> {});
    marker.get();
  }

  /** For tests: the next job stops after this many batches, as if the process died there. */
  void crashAfterBatches(int batches) {
    this.crashAfterBatches = batches;
  }

  private void runKek(long jobId, Tier tier) {
    try {
      long processed = jobs.find(jobId).map(Job::processed).orElse(0L);
      long unopenable = 0;
      // The second sweep catches data keys that writers wrapped with the old key in transactions open during the first.
      for (int sweep = 0; sweep < 2; sweep++) {
        Sweep s = sweepKek(jobId, tier, processed);
        processed = s.processed();
        unopenable = s.unopenable();
        if (sweep == 0 && !keys.awaitOldKeksReleased(tier, WRITERS_GRACE)) {
          throw new IllegalStateException("writers kept the old key in use for " + WRITERS_GRACE);
        }
      }
      int primary = keys.primaryKekId(tier);
      long left = dataKeys.countNotWrappedBy(tier.name(), primary);
      if (left == 0) {
        keys.retireOldKeks(tier, primary);
        jobs.finish(jobId);
        log.info("Key rotation {} finished: {} data keys re-wrapped, old {} key retired", jobId, processed, tier.keysetName());
      } else {
        jobs.finish(jobId, "incomplete");
        log.error("Key rotation {} re-wrapped {} data keys but {} do not open (see above); the old {} key is kept until they are "
            + "erased or restored, then rotate again", jobId, processed, unopenable, tier.keysetName());
      }
    } catch (RuntimeException | InterruptedException e) {
      stopped.add(jobId);
      log.error("Key rotation {} stopped; it resumes at the next start", jobId, e);
    }
  }

  private record Sweep(long processed, long unopenable) {}

  private Sweep sweepKek(long jobId, Tier tier, long processedBefore) {
    long processed = processedBefore;
    long unopenable = 0;
    int batches = 0;
    UUID after = null;
    while (true) {
      // Wrap with the primary as it is now (another rotation may have started): the label always names the real key.
      KeyRing.PrimaryKek target = keys.leasePrimaryKek(tier);
      List<WrappedKey> batch = dataKeys.notWrappedBy(tier.name(), target.keyId(), after, batchSize);
      if (batch.isEmpty()) {
        return new Sweep(processed, unopenable);
      }
      List<WrappedKey> olds = new ArrayList<>(batch.size());
      List<byte[]> rewrapped = new ArrayList<>(batch.size());
      for (WrappedKey old : batch) {
        try {
          rewrapped.add(rewrap(old, tier, target));
          olds.add(old);
        } catch (GeneralSecurityException e) {
          unopenable++;
          log.error("The {} data key of {} {} does not open during rotation (altered or moved); it keeps its old wrapping",
              tier.keysetName(), old.objectType(), old.recordId());
        }
      }
      dataKeys.rewrap(olds, target.keyId(), rewrapped);
      processed += olds.size();
      jobs.progress(jobId, processed);
      after = batch.get(batch.size() - 1).recordId();
      if (++batches == crashAfterBatches) {
        crashAfterBatches = -1;
        throw new IllegalStateException("simulated crash after " + batches + " batches");
      }
    }
  }

  private byte[] rewrap(WrappedKey old, Tier tier, KeyRing.PrimaryKek target) throws GeneralSecurityException {
    byte[] ad = RecordCipher.associatedData("dek", old.objectType(), new RecordId(old.recordId()), tier);
    byte[] dek = keys.kek(tier).decrypt(old.wrapped(), ad);
    return target.aead().encrypt(dek, ad);
  }

  private void runBlindIndex(long jobId) {
    try {
      long before = jobs.find(jobId).map(Job::processed).orElse(0L);
      long first = indexRebuilder.rebuildStale(n -> jobs.progress(jobId, before + n));
      if (!keys.awaitOldBlindIndexKeysReleased(WRITERS_GRACE)) {
        throw new IllegalStateException("writers kept the old blind-index key in use for " + WRITERS_GRACE);
      }
      long second = indexRebuilder.rebuildStale(n -> jobs.progress(jobId, before + first + n));
      keys.retireOldBlindIndexKeys(keys.primaryBlindIndexKeyId());
      jobs.finish(jobId);
      log.info("Blind-index rotation {} finished: {} records re-indexed, old key retired", jobId, before + first + second);
    } catch (RuntimeException | InterruptedException e) {
      stopped.add(jobId);
      log.error("Blind-index rotation {} stopped; it resumes at the next start", jobId, e);
    }
  }

  private static String kind(Tier tier) {
    return "kek-" + tier.keysetName();
  }

  private static Tier tierOf(String kind) {
    return Tier.valueOf(kind.substring("kek-".length()).toUpperCase(Locale.ROOT));
  }

  private Progress progress(Job j) {
    String state = j.state().equals("running") && stopped.contains(j.id()) ? "stopped" : j.state();
    return new Progress(j.id(), j.kind(), state, j.processed(), j.total(), j.startedAt(), j.finishedAt());
  }
}
