package io.steward.bench;

import io.steward.crypto.KeyRing;
import io.steward.crypto.KeyRotation;
import io.steward.crypto.RecordCipher;
import io.steward.crypto.Tier;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.KeyVersionStore;
import io.steward.crypto.store.RotationJobStore;
import io.steward.shared.RecordId;
import io.steward.testsupport.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Re-wrapping speed of a key-encryption key rotation on (embedded) PostgreSQL: N data keys in the key store, one
 * rotation re-wraps them all in batches of 1,000 (read, unwrap, wrap, one merge statement, commit). Each iteration is
 * one whole rotation, its waits for every node included; keys per second = N / the iteration's time, also reported
 * as the {@code rewrapped} counter. The rotation's log line gives the re-wrap sweep's own rate.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.args=RotationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class RotationBenchmark {

  @Param("100000")
  int dataKeys;

  KeyRing keys;
  KeyRotation rotation;

  @Setup(Level.Trial)
  public void fill() {
    DataSource ds = TestDatabases.migrated(TestDatabases.Kind.POSTGRES);
    keys = KeyRing.inMemory(KeyVersionStore.on(ds));
    DataKeyStore store = new DataKeyStore(JdbcClient.create(ds), new JdbcTemplate(ds));
    rotation = new KeyRotation(keys, store, new RotationJobStore(JdbcClient.create(ds)), 1000);
    // Wrapped keys made by the real cipher (into a map), then bulk-inserted: filling is not what is measured.
    CryptoBenchmark.MapDataKeyStore made = new CryptoBenchmark.MapDataKeyStore();
    RecordCipher cipher = new RecordCipher(keys, made);
    List<Object[]> rows = new ArrayList<>(dataKeys);
    for (int i = 0; i < dataKeys; i++) {
      RecordId id = RecordId.random();
      cipher.seal("contact", id, Map.of(Tier.PERSONAL, "{}".getBytes(StandardCharsets.UTF_8)));
      var k = made.find(List.of(id)).get(id.value()).get("PERSONAL");
      rows.add(new Object[] {id.value(), "contact", "PERSONAL", k.kekId(), k.wrapped(), Instant.now().atOffset(ZoneOffset.UTC)});
    }
    new JdbcTemplate(ds).batchUpdate(
        "insert into data_key (record_id, object_type, tier, kek_id, wrapped, created_at) values (?, ?, ?, ?, ?, ?)", rows);
    new JdbcTemplate(ds).execute("analyze data_key");
  }

  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Counters {
    public long rewrapped;
  }

  /** One whole rotation of the personal tier: every data key re-wrapped, old key retired. */
  @Benchmark
  public void rotateAll(Counters counters) throws Exception {
    long job = rotation.rotateKek(Tier.PERSONAL);
    rotation.awaitIdle();
    KeyRotation.Progress p = rotation.find(job).orElseThrow();
    if (!p.state().equals("done") || p.processed() != dataKeys) {
      throw new IllegalStateException("rotation " + p);
    }
    counters.rewrapped += p.processed();
  }

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(new String[] {RotationBenchmark.class.getSimpleName()});
  }
}
