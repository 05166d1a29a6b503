package io.steward.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.monitoring.baseline.Baseline;
import io.steward.monitoring.baseline.Baseline.Window;
import io.steward.monitoring.baseline.BaselineJson;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Baselines stay bounded, survive storage, fade, and merge across nodes without losing either's learning. */
class BaselineTest {

  private final Instant t = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void keepsAtMostSixteenNetworks() {
    Baseline b = new Baseline();
    for (int i = 0; i < 40; i++) {
      b.observe(t.plusSeconds(i), "10.0." + i + ".0/24", "ua");
    }
    assertThat(b.networks()).hasSize(16).containsKey("10.0.39.0/24").doesNotContainKey("10.0.0.0/24");
  }

  @Test
  void survivesStorage() {
    Baseline b = new Baseline();
    b.observe(t, "10.0.0.0/24", "ua");
    b.offerPeak(Window.READS_5M, 80, t);
    Baseline back = BaselineJson.read(BaselineJson.write(b));
    assertThat(back.peak(Window.READS_5M, t)).isEqualTo(80);
    assertThat(back.knowsNetwork("10.0.0.0/24")).isTrue();
    assertThat(back.lastSeen()).isEqualTo(t);
    assertThat(back.shareAround(10)).isEqualTo(1.0);
  }

  @Test
  void peaksFadeWithATwoWeekHalfLife() {
    Baseline b = new Baseline();
    b.offerPeak(Window.READS_1D, 200, t);
    assertThat(b.peak(Window.READS_1D, t.plus(Duration.ofDays(14)))).isCloseTo(100, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void aDayLearnedOnOneNodeIsNotTakenAgainByAnother() {
    Baseline nodeA = new Baseline();
    nodeA.offerDay(20_000, 100);
    Baseline stored = BaselineJson.read(BaselineJson.write(nodeA.takeForFlush().mergedInto(new Baseline())));
    Baseline nodeB = new Baseline();
    nodeB.rebase(stored);
    nodeB.offerDay(20_000, 100);
    assertThat(nodeB.typicalDay()).isEqualTo(100);
    nodeB.offerDay(20_001, 200);
    assertThat(nodeB.typicalDay()).isEqualTo(120);
  }

  @Test
  void twoNodesFlushingAddTheirCountsAndKeepTheLargerPeaks() {
    Baseline stored = new Baseline();
    Baseline nodeA = new Baseline();
    Baseline nodeB = new Baseline();
    nodeA.observe(t, "10.0.0.0/24", "a");
    nodeA.offerPeak(Window.READS_5M, 50, t);
    nodeB.observe(t, "10.9.9.0/24", "b");
    nodeB.observe(t, "10.9.9.0/24", "b");
    nodeB.offerPeak(Window.READS_5M, 70, t);

    Baseline afterA = nodeA.takeForFlush().mergedInto(stored);
    Baseline afterB = nodeB.takeForFlush().mergedInto(afterA);

    assertThat(afterB.events()).isEqualTo(3);
    assertThat(afterB.peak(Window.READS_5M, t)).isEqualTo(70);
    assertThat(afterB.knowsNetwork("10.0.0.0/24")).isTrue();
    assertThat(afterB.knowsNetwork("10.9.9.0/24")).isTrue();
    nodeA.rebase(afterB);
    assertThat(nodeA.events()).as("no double counting after taking the merged state back").isEqualTo(3);
  }
}
