package io.steward.crypto;

import java.util.function.LongConsumer;

/** Recomputes blind-index tokens made with a retired key; implemented where records are understood. */
public interface IndexRebuilder {

  long totalRecords();

  /** Re-indexes every record whose tokens are not all made with the primary key; reports progress. */
  long rebuildStale(LongConsumer progress);

  /** True if some record still holds a token not made with the primary key (checked before the old key is retired). */
  boolean hasStale();
}
