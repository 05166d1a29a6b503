package io.steward.monitoring.baseline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The stored form of a {@link Baseline}: one small JSON document per user (counts, prefixes, hashes; no personal values). */
public final class BaselineJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Stored(long[] hours, double[] peakValues, long[] peakAt, Map<String, Long> networks, Map<String, Long> agents, List<Long> days,
      long firstSeen, long lastSeen, double typicalDay, Long lastDay) {}

  private BaselineJson() {}

  public static String write(Baseline b) {
    double[] values = new double[b.peaks.length];
    long[] at = new long[b.peaks.length];
    for (int i = 0; i < b.peaks.length; i++) {
      values[i] = b.peaks[i].value();
      at[i] = b.peaks[i].atMillis();
    }
    return JSON.writeValueAsString(new Stored(b.hours, values, at, b.networks, b.agents, List.copyOf(b.days), b.firstSeen, b.lastSeen, b.typicalDay,
        b.lastDay));
  }

  public static Baseline read(String json) {
    Stored s = JSON.readValue(json, Stored.class);
    Baseline b = new Baseline();
    System.arraycopy(s.hours(), 0, b.hours, 0, Math.min(24, s.hours().length));
    for (int i = 0; i < Math.min(b.peaks.length, s.peakValues().length); i++) {
      b.peaks[i] = new Peak(s.peakValues()[i], s.peakAt()[i]);
    }
    if (s.networks() != null) {
      b.networks.putAll(s.networks());
    }
    if (s.agents() != null) {
      b.agents.putAll(s.agents());
    }
    if (s.days() != null) {
      b.days.addAll(s.days());
    }
    b.firstSeen = s.firstSeen();
    b.lastSeen = s.lastSeen();
    b.typicalDay = s.typicalDay();
    b.lastDay = s.lastDay() == null ? 0 : s.lastDay();
    Arrays.fill(b.hoursDelta, 0);
    return b;
  }
}
