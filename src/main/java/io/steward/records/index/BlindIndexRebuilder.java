package io.steward.records.index;

import io.steward.crypto.BlindIndex;
import io.steward.crypto.IndexRebuilder;
import io.steward.crypto.KeyRotation;
import io.steward.crypto.SealBrokenException;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordStore;
import io.steward.records.store.RecordStore.RecordRef;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-indexes records whose blind-index tokens were made with a key other than the primary, after a blind-index
 * rotation: decrypt, recompute every token, replace the record's index rows. A record a writer changes meanwhile
 * is skipped (the writer indexed it anew); one that does not open loses its blind tokens rather than stall the job.
 */
@Component
class BlindIndexRebuilder implements IndexRebuilder {

  private static final Logger log = LoggerFactory.getLogger(BlindIndexRebuilder.class);
  private static final int BATCH = 500;

  private final RecordStore store;
  private final RecordCodec codec;
  private final IndexTokens tokens;
  private final BlindIndex blind;
  private final SchemaRegistry schema;
  private final TransactionTemplate tx;

  BlindIndexRebuilder(RecordStore store, RecordCodec codec, IndexTokens tokens, BlindIndex blind, SchemaRegistry schema,
      TransactionTemplate tx, KeyRotation rotation) {
    this.store = store;
    this.codec = codec;
    this.tokens = tokens;
    this.blind = blind;
    this.schema = schema;
    this.tx = tx;
    rotation.register(this);
  }

  @Override
  public long totalRecords() {
    return store.countBlindIndexed();
  }

  @Override
  public boolean hasStale() {
    return !store.staleBlindIndexed(blind.currentTokenPrefix(), null, 1).isEmpty();
  }

  @Override
  public long rebuildStale(LongConsumer progress) {
    long done = 0;
    UUID after = null;
    List<RecordRef> batch;
    while (!(batch = store.staleBlindIndexed(blind.currentTokenPrefix(), after, BATCH)).isEmpty()) {
      Map<String, List<UUID>> byType = batch.stream()
          .collect(Collectors.groupingBy(RecordRef::objectType, Collectors.mapping(RecordRef::id, Collectors.toList())));
      for (Map.Entry<String, List<UUID>> e : byType.entrySet()) {
        done += reindex(e.getKey(), e.getValue());
      }
      progress.accept(done);
      after = batch.get(batch.size() - 1).id();
    }
    return done;
  }

  /** One short transaction per record, so that writers never wait on the rebuild for long. */
  private int reindex(String objectType, List<UUID> ids) {
    Optional<ObjectDef> o = schema.find(objectType);
    List<StoredRecord> records = store.findAll(objectType, ids);
    Map<UUID, Map<String, Object>> values = o.map(def -> decodeAll(def, records)).orElse(Map.of());
    int n = 0;
    for (StoredRecord r : records) {
      Boolean done = tx.execute(status -> {
        if (!store.lockAtVersion(r.id(), r.version())) {
          return false;
        }
        Map<String, Object> v = values.get(r.id());
        if (v != null) {
          store.replaceIndex(objectType, r.id(), tokens.entries(o.get(), v));
        } else {
          store.deleteBlindTokens(r.id());
        }
        return true;
      });
      n += Boolean.TRUE.equals(done) ? 1 : 0;
    }
    return n;
  }

  /** Decodes a batch at once; if one record does not open, decodes them one by one and leaves that one out. */
  private Map<UUID, Map<String, Object>> decodeAll(ObjectDef o, List<StoredRecord> records) {
    try {
      return codec.decodeAll(o, records);
    } catch (SealBrokenException e) {
      Map<UUID, Map<String, Object>> out = new java.util.HashMap<>();
      for (StoredRecord r : records) {
        decode(o, r).ifPresent(v -> out.put(r.id(), v));
      }
      return out;
    }
  }

  private Optional<Map<String, Object>> decode(ObjectDef o, StoredRecord r) {
    try {
      return Optional.of(codec.decode(o, r));
    } catch (SealBrokenException e) {
      log.error("{} {} does not open; its blind-index tokens are dropped so the rotation can finish", o.apiName(), r.id());
      return Optional.empty();
    }
  }
}
