package io.steward.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.monitoring.baseline.Count;
import io.steward.monitoring.baseline.SharedCounts;
import io.steward.monitoring.baseline.WindowCounter;
import io.steward.monitoring.store.CountStore;
import io.steward.monitoring.store.CountStore.Row;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Live counts slide over sub-buckets, keep other nodes' apart, stay bounded, and are shared through the database. */
class SharedCountsTest {

  private final Instant t = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void theWindowSlidesBucketByBucketInsteadOfStartingAgainAtABoundary() {
    WindowCounter c = new WindowCounter(Count.READS_5M);
    c.add(t.minusSeconds(10), 40);
    c.add(t.plusSeconds(10), 5);
    assertThat(c.sum(t.plusSeconds(10))).as("across the 10:00 boundary").isEqualTo(45);
    assertThat(c.sum(t.plus(Duration.ofMinutes(4)).plusSeconds(29))).isEqualTo(45);
    assertThat(c.sum(t.plus(Duration.ofMinutes(4)).plusSeconds(31))).as("the bucket of 09:59:30 has left the window").isEqualTo(5);
    assertThat(c.periodTotal(c.periodOf(t.minusSeconds(10)))).isEqualTo(40);
    assertThat(c.periodTotal(c.periodOf(t))).isEqualTo(5);
  }

  @Test
  void otherNodesCountsAddToTheWindowAndAreKeptApart() {
    SharedCounts counts = new SharedCounts();
    counts.add(Count.READS_5M, t, 3);
    WindowCounter c = counts.get(Count.READS_5M);
    c.setRemote(c.bucketOf(t), 10);
    c.setRemote(c.bucketOf(t.minusSeconds(60)), 7);
    c.setRemote(c.bucketOf(t.minus(Duration.ofHours(2))), 1000);
    assertThat(counts.sum(Count.READS_5M, t)).as("the two-hour-old bucket is outside the ring").isEqualTo(20);

    List<String> shared = new ArrayList<>();
    counts.drainUnshared((counter, bucket, n) -> shared.add(counter.id() + "@" + (bucket == c.bucketOf(t)) + "=" + n));
    assertThat(shared).as("only this node's own counts").containsExactly("reads-5m@true=3");
    assertThat(counts.unshared()).isFalse();
    counts.drainUnshared((counter, bucket, n) -> shared.add("again"));
    assertThat(shared).hasSize(1);

    counts.unshare(Count.READS_5M, c.bucketOf(t));
    counts.drainUnshared((counter, bucket, n) -> shared.add(counter.id() + "=" + n));
    assertThat(shared).as("a failed share is shared again").endsWith("reads-5m=3");
  }

  @Test
  void aPeriodNoLongerHeldIsUnknownNotZero() {
    WindowCounter c = new WindowCounter(Count.READS_5M);
    c.add(t, 12);
    long period = c.periodOf(t);
    c.add(t.plus(Duration.ofMinutes(15)), 1);
    assertThat(c.periodTotal(period)).isEqualTo(-1);
    c.add(t.minus(Duration.ofMinutes(30)), 99);
    assertThat(c.sum(t.plus(Duration.ofMinutes(15)))).as("a count older than the ring is ignored").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void nodesShareTheirCountsThroughTheDatabase(Kind kind) {
    DataSource ds = TestDatabases.migrated(kind);
    CountStore a = store(ds);
    CountStore b = store(ds);
    CountStore c = store(ds);
    UUID user = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    long bucket = Math.floorDiv(t.toEpochMilli(), Count.READS_5M.bucketMillis());
    long hour = Math.floorDiv(t.toEpochMilli(), Count.READS_1D.bucketMillis());
    Instant before = Instant.now().minusSeconds(1);

    a.write(List.of(new Row(user, Count.READS_5M, bucket, 5), new Row(user, Count.SINGLES_5M, bucket, 2)), Instant.now());
    b.write(List.of(new Row(user, Count.READS_5M, bucket, 7), new Row(other, Count.READS_1D, hour, 1)), Instant.now());
    a.write(List.of(new Row(user, Count.READS_5M, bucket, 8)), Instant.now());

    assertThat(c.othersChangedSince(before)).containsExactlyInAnyOrder(new Row(user, Count.READS_5M, bucket, 15),
        new Row(user, Count.SINGLES_5M, bucket, 2), new Row(other, Count.READS_1D, hour, 1));
    assertThat(a.othersChangedSince(before)).as("a node reads only the others' rows")
        .containsExactlyInAnyOrder(new Row(user, Count.READS_5M, bucket, 7), new Row(other, Count.READS_1D, hour, 1));
    assertThat(b.others(user)).containsExactlyInAnyOrder(new Row(user, Count.READS_5M, bucket, 8), new Row(user, Count.SINGLES_5M, bucket, 2));
    assertThat(c.othersChangedSince(Instant.now().plusSeconds(60))).isEmpty();

    // a 30-second bucket of a 5-minute window is needed until 5 minutes after it ends
    assertThat(a.prune(t.plus(Duration.ofMinutes(5)))).isZero();
    assertThat(a.prune(t.plus(Duration.ofMinutes(6)))).isEqualTo(3);
    assertThat(c.others(user)).isEmpty();
    assertThat(c.others(other)).as("an hour's bucket of the daily window stays for a day").hasSize(1);
  }

  private static CountStore store(DataSource ds) {
    return new CountStore(JdbcClient.create(ds), new JdbcTemplate(ds));
  }
}
