package io.steward.audit;

import java.time.Duration;
import java.util.Optional;

/**
 * What a verification found.
 *
 * @param eventsChecked     events whose hash and link were checked
 * @param firstSeq          the first remaining event (0 when there is none)
 * @param lastSeq           the last event checked
 * @param anchorSeq         where the chain starts: 0 (genesis) or the checkpoint retention pruned up to
 * @param checkpointsInTable signed checkpoints found in the database
 * @param checkpointsInFile  signed checkpoints found in the external checkpoint file
 * @param firstBreak        the first break found, if any; verification stops there
 * @param took              how long it took
 */
public record VerificationReport(
    long eventsChecked,
    long firstSeq,
    long lastSeq,
    long anchorSeq,
    int checkpointsInTable,
    int checkpointsInFile,
    Optional<ChainBreak> firstBreak,
    Duration took) {

  public boolean ok() {
    return firstBreak.isEmpty();
  }

  /** One paragraph a person (or the CLI) can print. */
  public String summary() {
    String counts = "%d events checked (seq %d..%d, anchored at %s), %d checkpoints in the database, %d in the checkpoint file, in %d ms"
        .formatted(eventsChecked, firstSeq, lastSeq, anchorSeq == 0 ? "genesis" : "checkpoint " + anchorSeq,
            checkpointsInTable, checkpointsInFile, took.toMillis());
    return firstBreak
        .map(b -> "Audit trail BROKEN at seq " + b.seq() + " (" + b.kind().description() + "): " + b.detail() + ". " + counts + ".")
        .orElse("Audit trail OK: " + counts + ".");
  }

  /** Where and how the chain is broken. */
  public record ChainBreak(Kind kind, long seq, String detail) {}

  public enum Kind {
    MODIFIED("an event was changed"),
    DELETED("an event is missing"),
    INSERTED("an event was added"),
    REORDERED("events were moved"),
    TRUNCATED("events after the last one present are missing"),
    REWRITTEN("the chain does not match a signed checkpoint"),
    BAD_CHECKPOINT_SIGNATURE("a checkpoint signature is invalid"),
    RECORD_INDEX("the record index does not match the records an event names");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }
}
