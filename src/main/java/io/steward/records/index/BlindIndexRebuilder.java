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

  private int reindex(String objectType, List<UUID> ids) {
    Optional<ObjectDef> o = schema.find(objectType);
    List<StoredRecord> records = store.findAll(objectType, ids);
    return tx.execute(status -> {
      int n = 0;
      for (StoredRecord r : records) {
        if (!store.lockAtVersion(r.id(), r.version())) {
          continue;
        }
        Optional<Map<String, Object>> values = o.flatMap(def -> decode(def, r));
        if (values.isPresent()) {
          store.replaceIndex(objectType, r.id(), tokens.entries(o.get(), values.get()));
        } else {
          store.deleteBlindTokens(r.id());
        }
        n++;
      }
      return n;
    });
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
