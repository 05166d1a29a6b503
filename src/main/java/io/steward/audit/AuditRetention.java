package io.steward.audit;

/** Removes events older than the retention period, only ever up to a signed checkpoint. */
public interface AuditRetention {

  PruneResult pruneExpired();

  /**
   * @param throughSeq   the checkpoint the trail now starts after (0 if nothing was pruned)
   * @param eventsPruned how many events were deleted
   */
  record PruneResult(long throughSeq, long eventsPruned) {}
}
