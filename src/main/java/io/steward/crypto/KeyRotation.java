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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Online key rotation, safe with several nodes sharing the database and the key source. A rotation adds a new key
 * (not yet primary) and records its job in one transaction; the job then waits until every live node has loaded the
 * new key (so every node opens and looks up with it before anyone writes with it), makes it primary, waits until
 * every live node writes with it and no transaction anywhere still writes with an old key, re-wraps every data key
 * in batches (or has the records module's {@link IndexRebuilder} rebuild the blind index), and retires the old keys
 * under the key lock once nothing uses them. The job's state is in the database: a crash or stop resumes it on the
 * next node to start, or on any live node once its owner is gone.
 */
public class KeyRotation implements AutoCloseable {

  public static final String BLIND_INDEX = "blind-index";
  private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
  /** How long a job waits for every node to adopt a key version before it stops, to be taken up again. */
  private static final Duration ADOPTION_LIMIT = Duration.ofMinutes(10);
  private static final Duration RETRY_AFTER = Duration.ofMinutes(1);
  private static final int MAX_SWEEPS = 5;

  private final KeyRing keys;
  private final DataKeyStore dataKeys;
  private final RotationJobStore jobs;
  private final KeyNodes nodes;
  private final int batchSize;
  /** Jobs this node runs or has queued. */
  private final Set<Long> local = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "key-rotation");
    t.setDaemon(true);
    return t;
  });
  private volatile IndexRebuilder indexRebuilder;
  private volatile int crashAfterBatches = -1;
  private volatile boolean takingOver;

  public KeyRotation(KeyRing keys, DataKeyStore dataKeys, RotationJobStore jobs) {
    this(keys, dataKeys, jobs, 1000);
  }

  public KeyRotation(KeyRing keys, DataKeyStore dataKeys, RotationJobStore jobs, int batchSize) {
    this(keys, dataKeys, jobs, new KeyNodes(keys), batchSize);
  }

  public KeyRotation(KeyRing keys, DataKeyStore dataKeys, RotationJobStore jobs, KeyNodes nodes, int batchSize) {
    this.keys = keys;
    this.dataKeys = dataKeys;
    this.jobs = jobs;
    this.nodes = nodes;
    this.batchSize = batchSize;
    nodes.afterPoll(this::takeOverOrphans);
  }

  /** The records module registers how to rebuild blind indexes. */
  public void register(IndexRebuilder rebuilder) {
    this.indexRebuilder = rebuilder;
  }

  /**
   * A job as an operator sees it; {@code state} is running, stopped (taken up again shortly, or at the next start),
   * done or incomplete; {@code phase} what a running job is doing.
   */
  public record Progress(long id, String kind, String state, String phase, long processed, long total, Instant startedAt, Instant finishedAt) {

    public int percent() {
      return total <= 0 ? (state.equals("done") ? 100 : 0) : (int) Math.min(100, processed * 100 / total);
    }

    /** The phase in words, empty once the job has ended. */
    public String phaseText() {
      if (phase == null) {
        return "";
      }
      return switch (phase) {
        case "load" -> "every node loads the new key";
        case "adopt" -> "every node writes with the new key";
        case "rewrap" -> "re-wrapping data keys";
        case "reindex" -> "rebuilding the search index";
        case "retire" -> "retiring the old key";
        default -> phase;
      };
    }
  }

  /** One keyset's key ids (never key material) and, for key-encryption keys, how many data keys each wraps. */
  public record KeySet(String name, int primary, List<Integer> ids, Map<Integer, Long> dataKeysByKey) {

    public boolean rotating() {
      return ids.size() > 1;
    }
  }

  /** Thrown when a keyset is asked to rotate while a rotation of it runs. */
  public static final class AlreadyRotating extends IllegalStateException {
    private final long job;

    AlreadyRotating(String keyset, long job) {
      super("A rotation of the " + keyset + " keys is already running (#" + job + ").");
      this.job = job;
    }

    public long job() {
      return job;
    }
  }

  /** The key ids in force on this node: one keyset per tier and the blind-index keyset. */
  public List<KeySet> keySets() {
    Map<String, Map<Integer, Long>> counts = dataKeys.countByKek();
    List<KeySet> out = new ArrayList<>();
    for (Keyset keyset : Keyset.values()) {
      Map<Integer, Long> wrapped = keyset.tier == null ? Map.of() : counts.getOrDefault(keyset.dataKeyTier(), Map.of());
      out.add(new KeySet(keyset.tier == null ? BLIND_INDEX : keyset.tier.keysetName(), keys.primaryId(keyset), keys.ids(keyset), wrapped));
    }
    return out;
  }

  /** The version of the key material this node holds. */
  public long keyVersion() {
    return keys.version();
  }

  /** How long a node may stay silent before it counts as gone and rotations stop waiting for it. */
  public Duration nodeTimeout() {
    return keys.nodeTimeout();
  }

  /** The nodes sharing the database, with the key version each has adopted. */
  public List<KeyNodes.NodeStatus> nodes() {
    return nodes.nodes();
  }

  /** Starts rotating a tier's key-encryption key; returns the job id. */
  public long rotateKek(Tier tier) {
    return start(Keyset.of(tier));
  }

  /** Starts rotating the blind-index key; returns the job id. */
  public long rotateBlindIndex() {
    if (indexRebuilder == null) {
      throw new IllegalStateException("No index rebuilder registered");
    }
    return start(Keyset.BLIND_INDEX);
  }

  /** Adds the new key, not yet primary, and records the job in the same transaction; refuses while the keyset rotates. */
  private long start(Keyset keyset) {
    long id = keys.change(keyset, h -> KeyRing.withNewKey(h, keyset), (before, after) -> {
      refuseIfRotating(keyset);
      List<Integer> old = KeyRing.idsOf(before);
      int newKey = KeyRing.idsOf(after).stream().filter(k -> !old.contains(k)).findFirst().orElseThrow();
      return jobs.start(keyset.kind(), newKey, total(keyset, newKey), keys.nodeId());
    });
    log.info("Key rotation {} started for the {} keys", id, keyset.label());
    submit(id, keyset);
    return id;
  }

  private void refuseIfRotating(Keyset keyset) {
    Optional<Job> running = jobs.running().stream().filter(j -> j.kind().equals(keyset.kind())).findFirst();
    if (running.isPresent()) {
      throw new AlreadyRotating(keyset.label(), running.get().id());
    }
  }

  private long total(Keyset keyset, int target) {
    return keyset.tier == null ? indexRebuilder.totalRecords() : dataKeys.countNotWrappedBy(keyset.dataKeyTier(), target);
  }

  /**
   * Resumes rotations whose node is gone (a crash or a stop), and finishes a keyset left with old keys and no job (a
   * key change interrupted before its job was recorded, or a job that ended incomplete). Called once at start-up;
   * from then on this node also takes over jobs of nodes that go away.
   */
  public void resumeUnfinished() {
    Set<String> live = nodes.liveIds();
    for (Job job : jobs.running()) {
      if (job.owner() == null || !live.contains(job.owner())) {
        takeOver(job);
      }
    }
    for (Keyset keyset : Keyset.values()) {
      if (keys.ids(keyset).size() > 1 && (keyset.tier != null || indexRebuilder != null)) {
        finishLeftovers(keyset);
      }
    }
    takingOver = true;
  }

  private void finishLeftovers(Keyset keyset) {
    Long id = keys.change(keyset, h -> h, (before, after) -> {
      if (before.size() < 2 || jobs.running().stream().anyMatch(j -> j.kind().equals(keyset.kind()))) {
        return null;
      }
      int target = before.getPrimary().getId();
      return jobs.start(keyset.kind(), target, total(keyset, target), keys.nodeId());
    });
    if (id != null) {
      log.info("Key rotation {} started to retire old {} keys left by an interrupted rotation", id, keyset.label());
      submit(id, keyset);
    }
  }

  /** After every poll: takes over running jobs whose node is gone, and stopped jobs whose retry time has come. */
  private void takeOverOrphans() {
    if (!takingOver) {
      return;
    }
    List<Job> running = jobs.running();
    if (running.isEmpty()) {
      return;
    }
    Set<String> live = nodes.liveIds();
    Instant now = Instant.now();
    for (Job job : running) {
      boolean orphan = job.owner() == null ? job.retryAt() == null || !job.retryAt().isAfter(now) : !live.contains(job.owner());
      if (orphan) {
        takeOver(job);
      }
    }
  }

  private void takeOver(Job job) {
    Keyset keyset = Keyset.ofKind(job.kind());
    if (local.contains(job.id())) {
      return;
    }
    if (keyset == Keyset.BLIND_INDEX && indexRebuilder == null) {
      log.warn("Blind-index rotation {} cannot resume here: no index rebuilder is registered", job.id());
      return;
    }
    if (jobs.claim(job.id(), keys.nodeId(), job.owner())) {
      log.info("Resuming key rotation {} ({}) at {} of {}", job.id(), job.kind(), job.processed(), job.total());
      submit(job.id(), keyset);
    }
  }

  public List<Progress> recent() {
    return jobs.recent(20).stream().map(KeyRotation::progress).toList();
  }

  public Optional<Progress> find(long id) {
    return jobs.find(id).map(KeyRotation::progress);
  }

  /** Waits for this node's queued rotations to finish (used by the CLI, which must not exit mid-way). */
  public void awaitIdle() throws Exception {
    Future<?> marker = worker.submit(() -> {});
    marker.get();
  }

  /** Stops this node's rotations and lets go of them, so that another node takes them over at once. */
  @Override
  public void close() {
    takingOver = false;
    worker.shutdownNow();
    List<Long> held = List.copyOf(local);
    if (!held.isEmpty() && !KeyNodes.bestEffort(() -> held.forEach(id -> jobs.release(id, keys.nodeId(), Instant.now())))) {
      log.warn("Could not let go of key rotations {}; another node takes them over once this one counts as gone", held);
    }
  }

  /** For tests: the next job stops after this many batches, as if the process died there. */
  void crashAfterBatches(int batches) {
    this.crashAfterBatches = batches;
  }

  private void submit(long jobId, Keyset keyset) {
    local.add(jobId);
    worker.submit(() -> {
      try {
        run(jobId, keyset);
      } finally {
        local.remove(jobId);
      }
    });
  }

  /** Thrown inside a job that another node has taken over. */
  private static final class LostJob extends RuntimeException {
    LostJob() {
      super(null, null, false, false);
    }
  }

  private void run(long jobId, Keyset keyset) {
    try {
      Job job = owned(jobId);
      keys.refresh();
      int target = job.targetKeyId();
      if (!keys.ids(keyset).contains(target)) {
        target = keys.primaryId(keyset); // the new key is gone (key material restored): finish with the primary in force
      }
      if (keys.primaryId(keyset) != target) {
        phase(jobId, "load");
        awaitAdopted(jobId);
        int primary = target;
        keys.change(keyset, h -> KeyRing.promoted(h, primary), (before, after) -> null);
        log.info("Key rotation {}: the new {} key is primary", jobId, keyset.label());
      }
      phase(jobId, "adopt");
      awaitAdopted(jobId);
      long processed = job.processed();
      for (int sweeps = 1; ; sweeps++) {
        phase(jobId, keyset.tier == null ? "reindex" : "rewrap");
        long sweepStart = System.nanoTime();
        Sweep sweep = keyset.tier == null ? reindex(jobId, processed) : rewrap(jobId, keyset.tier, processed);
        double sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;
        log.info("Key rotation {}: sweep {} re-keyed {} in {} s ({} per second)", jobId, sweeps, sweep.processed() - processed,
            String.format("%.2f", sweepSeconds), String.format("%.0f", (sweep.processed() - processed) / Math.max(sweepSeconds, 1e-9)));
        processed = sweep.processed();
        phase(jobId, "retire");
        if (retire(jobId, keyset)) {
          log.info("Key rotation {} finished: {} re-keyed, old {} keys retired", jobId, processed, keyset.label());
          return;
        }
        long left = keyset.tier == null ? 0 : dataKeys.countNotWrappedBy(keyset.dataKeyTier(), keys.primaryId(keyset));
        if (left > 0 && left == sweep.unopenable()) {
          jobs.finish(jobId, "incomplete");
          log.error("Key rotation {} re-keyed {} but {} data keys do not open (see above); the old {} key is kept until they are "
              + "erased or restored, then rotate again", jobId, processed, left, keyset.label());
          return;
        }
        if (sweeps == MAX_SWEEPS) {
          throw new IllegalStateException("old " + keyset.label() + " keys still in use after " + sweeps + " sweeps");
        }
      }
    } catch (LostJob e) {
      log.info("Key rotation {} is run by another node now", jobId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(jobId, Instant.now());
      log.info("Key rotation {} interrupted; another node may take it over", jobId);
    } catch (RuntimeException e) {
      release(jobId, Instant.now().plus(RETRY_AFTER));
      log.error("Key rotation {} stopped; a node takes it up again in {} (or at its next start)", jobId, RETRY_AFTER, e);
    }
  }

  /** The job, if this node still runs it. */
  private Job owned(long jobId) {
    Job job = jobs.find(jobId).orElseThrow(LostJob::new);
    if (!job.state().equals("running") || !keys.nodeId().equals(job.owner())) {
      throw new LostJob();
    }
    return job;
  }

  private void phase(long jobId, String phase) {
    owned(jobId);
    jobs.phase(jobId, phase);
  }

  private void awaitAdopted(long jobId) throws InterruptedException {
    long version = keys.version();
    if (!nodes.awaitAdopted(version, ADOPTION_LIMIT)) {
      throw new IllegalStateException("key version " + version + " not adopted by every node within " + ADOPTION_LIMIT);
    }
    owned(jobId);
  }

  private void release(long jobId, Instant retryAt) {
    try {
      jobs.release(jobId, keys.nodeId(), retryAt);
    } catch (RuntimeException e) {
      log.warn("Could not release key rotation {}; another node takes it over once this one is gone", jobId);
    }
  }

  /**
   * Under the key lock: retires every key of the keyset but the primary if nothing uses them any more (the database
   * refuses to retire a key-encryption key a data key still names, and waits for transactions writing one), and ends
   * the job in the same transaction. False if something still uses an old key: sweep again.
   */
  private boolean retire(long jobId, Keyset keyset) {
    owned(jobId);
    try {
      return keys.change(keyset, h -> stillUsed(keyset, h.getPrimary().getId()) ? h : KeyRing.onlyPrimary(h), (before, after) -> {
        if (after == before && before.size() > 1) {
          return false;
        }
        jobs.finish(jobId);
        return true;
      });
    } catch (DataIntegrityViolationException | TransientDataAccessException e) {
      log.info("Key rotation {}: an old {} key is still in use; sweeping again", jobId, keyset.label());
      return false;
    }
  }

  private boolean stillUsed(Keyset keyset, int primary) {
    return keyset.tier == null ? indexRebuilder.hasStale() : dataKeys.countNotWrappedBy(keyset.dataKeyTier(), primary) > 0;
  }

  private record Sweep(long processed, long unopenable) {}

  private Sweep reindex(long jobId, long processedBefore) {
    long done = indexRebuilder.rebuildStale(n -> {
      owned(jobId);
      jobs.progress(jobId, processedBefore + n);
    });
    return new Sweep(processedBefore + done, 0);
  }

  private Sweep rewrap(long jobId, Tier tier, long processedBefore) {
    long processed = processedBefore;
    long unopenable = 0;
    int batches = 0;
    UUID after = null;
    while (true) {
      owned(jobId);
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
      dataKeys.rewrap(tier.name(), olds, target.keyId(), rewrapped);
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

  private static Progress progress(Job j) {
    boolean running = j.state().equals("running");
    String state = running && j.owner() == null ? "stopped" : j.state();
    return new Progress(j.id(), j.kind(), state, running ? j.phase() : null, j.processed(), j.total(), j.startedAt(), j.finishedAt());
  }
}
