package io.steward.bench;

import io.steward.crypto.BlindIndex;
import io.steward.crypto.KeyRing;
import io.steward.crypto.RecordCipher;
import io.steward.crypto.store.DataKeyStore;
import io.steward.records.index.IndexTokens;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordStore.IndexEntry;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.BuiltInSchema;
import io.steward.schema.ObjectDef;
import io.steward.shared.RecordId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The encryption cost of one typical contact on one core: seal both tiers under fresh data keys and compute every
 * blind-index token (what a create or update adds), and open both tiers (what a read adds). Keys are in memory
 * ({@link KeyRing#inMemory()}) and the key store is a map, so the figures are crypto and JSON only, no database.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.args=CryptoBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CryptoBenchmark {

  /** The key store without a database: wrapped data keys in a map. */
  static final class MapDataKeyStore extends DataKeyStore {
    private final Map<UUID, Map<String, WrappedKey>> keys = new ConcurrentHashMap<>();

    MapDataKeyStore() {
      super(null, null);
    }

    @Override
    public void insertAll(List<WrappedKey> wrapped) {
      wrapped.forEach(key -> keys.computeIfAbsent(key.recordId(), k -> new ConcurrentHashMap<>()).put(key.tier(), key));
    }

    @Override
    public Map<UUID, Map<String, WrappedKey>> find(Collection<RecordId> ids) {
      Map<UUID, Map<String, WrappedKey>> out = new HashMap<>();
      for (RecordId id : ids) {
        Map<String, WrappedKey> k = keys.get(id.value());
        if (k != null) {
          out.put(id.value(), k);
        }
      }
      return out;
    }

    @Override
    public int delete(RecordId id) {
      return keys.remove(id.value()) == null ? 0 : 1;
    }
  }

  ObjectDef contact;
  RecordCodec codec;
  IndexTokens tokens;
  Map<String, Object> values;
  RecordId id;
  StoredRecord stored;

  @Setup
  public void setUp() {
    KeyRing keys = KeyRing.inMemory();
    codec = new RecordCodec(new RecordCipher(keys, new MapDataKeyStore()));
    tokens = new IndexTokens(new BlindIndex(keys));
    contact = BuiltInSchema.objects().stream().filter(o -> o.apiName().equals("contact")).findFirst().orElseThrow();
    values = new LinkedHashMap<>();
    values.put("firstName", "Margarethe");
    values.put("lastName", "Vandenbroucke");
    values.put("email", "margarethe.vandenbroucke@example.test");
    values.put("phone", "+32 470 12 34 56");
    values.put("jobTitle", "Head of Procurement");
    values.put("status", "customer");
    values.put("birthDate", "1984-06-21");
    values.put("homeAddress", "Rue de la Loi 16, 1000 Brussels");
    id = RecordId.random();
    RecordCodec.Encoded e = codec.encode(contact, id, values);
    stored = new StoredRecord(id.value(), "contact", UUID.randomUUID(), "main", 1, Instant.now(), Instant.now(), "sales", e.plain(),
        e.personal(), e.sensitive());
  }

  /** An update: both tiers sealed again under the record's data keys (unwrapped from the key store) and every index token. */
  @Benchmark
  public Object sealAndIndex() {
    RecordCodec.Encoded e = codec.encode(contact, id, values);
    List<IndexEntry> index = tokens.entries(contact, values);
    return index.size() > 0 ? e : null;
  }

  /** A read: unwrap both data keys and open both tiers. */
  @Benchmark
  public Map<String, Object> open() {
    return codec.decode(contact, stored);
  }

  /** Index tokens alone (the share of sealAndIndex spent on blind indexes). */
  @Benchmark
  public List<IndexEntry> indexOnly() {
    return tokens.entries(contact, values);
  }
}
