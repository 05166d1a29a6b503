package io.steward.audit.verify;

import io.steward.audit.VerificationReport.ChainBreak;
import io.steward.audit.VerificationReport.Kind;
import io.steward.audit.chain.ChainHasher;
import io.steward.audit.chain.ChainRow;

/**
 * Names what happened at the first row that does not fit the chain. The hash covers seq, so a row that was
 * moved still hashes correctly at its old position: that, and whether the next row belongs here, tells a
 * moved or inserted row from a changed one.
 */
final class BreakClassifier {

  /** How far a moved row is looked for. */
  private static final int WINDOW = 16;

  private final ChainHasher hasher;

  BreakClassifier(ChainHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * @param row  the row at the expected position that fails its hash or its link
   * @param prev the hash it should link to
   * @param next the row after it, if any
   */
  ChainBreak classify(ChainRow row, String prev, ChainRow next) {
    long at = row.seq();
    boolean selfConsistent = hasher.hash(row).equals(row.hash());
    boolean nextBelongsHere = next != null && hasher.hashAt(next, at).equals(next.hash()) && prev.equals(next.prevHash());
    if (selfConsistent) {
      if (nextBelongsHere) {
        return new ChainBreak(Kind.INSERTED, at, "seq " + at + " is a forged event; the next row is the real seq " + at);
      }
      return new ChainBreak(Kind.MODIFIED, at, "seq " + at + " does not link to the event before it: it, or the event before, was rewritten");
    }
    if (row.hash().equals(prev)) {
      return new ChainBreak(Kind.INSERTED, at, "seq " + at + " is a copy of the event before it");
    }
    if (at > 1 && hasher.hashAt(row, at - 1).equals(row.hash())) {
      return new ChainBreak(Kind.INSERTED, at - 1, "an event was inserted at seq " + (at - 1) + " and the later ones renumbered");
    }
    long home = originalPosition(row);
    if (home > at) {
      if (nextBelongsHere || next == null || !hasher.hashAt(next, home + 1).equals(next.hash())) {
        return new ChainBreak(Kind.REORDERED, at, "the event at seq " + at + " was moved here from seq " + home);
      }
      return new ChainBreak(Kind.DELETED, at, "seq " + at + " was deleted and the later events renumbered");
    }
    if (nextBelongsHere) {
      return new ChainBreak(Kind.INSERTED, at, "seq " + at + " is a forged event; the next row is the real seq " + at);
    }
    return new ChainBreak(Kind.MODIFIED, at, "seq " + at + " was changed after it was recorded (its hash no longer matches its content)");
  }

  private long originalPosition(ChainRow row) {
    for (long k = row.seq() + 1; k <= row.seq() + WINDOW; k++) {
      if (hasher.hashAt(row, k).equals(row.hash())) {
        return k;
      }
    }
    return -1;
  }
}
