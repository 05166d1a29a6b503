package io.steward.monitoring.baseline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What is usual for one user, learned from the audit stream, in bounded space: a 24-hour activity histogram,
 * peaks per window, the last 16 networks and 8 user agents, the active days of the last 60. Not thread-safe:
 * its owner guards it.
 *
 * <p>Each node learns in memory and flushes now and then; counts added since the last flush are kept apart
 * (deltas), so that a flush adds them to what other nodes stored instead of overwriting it.
 */
public final class Baseline {

  static final int MAX_NETWORKS = 16;
  static final int MAX_AGENTS = 8;
  static final int MAX_DAYS = 60;
  /** The histogram is halved past this many events, so recent habits weigh more and counts stay bounded. */
  static final long HOURS_CAP = 20_000;

  public enum Window { READS_5M, READS_1H, READS_1D, SINGLES_5M, REVEALS_1H, EXPORT }

  final long[] hours = new long[24];
  final long[] hoursDelta = new long[24];
  final Peak[] peaks = new Peak[Window.values().length];
  final LinkedHashMap<String, Long> networks = new LinkedHashMap<>();
  final LinkedHashMap<String, Long> agents = new LinkedHashMap<>();
  final TreeSet<Long> days = new TreeSet<>();
  long firstSeen;
  long lastSeen;
  /** Records read on a typical day: an exponentially weighted mean of completed days (each new day weighs 1/5). */
  double typicalDay;
  /** The last day (days since the epoch) taken into the typical day, so that nodes learning the same day count it once. */
  long lastDay;
  boolean dirty;

  public Baseline() {
    Arrays.fill(peaks, Peak.NONE);
  }

  /** Learns from one event of the user's: the hour, the day, the network and the user agent. */
  public void observe(Instant at, String network, String agentHash) {
    int h = at.atOffset(ZoneOffset.UTC).getHour();
    hours[h]++;
    hoursDelta[h]++;
    if (Arrays.stream(hours).sum() > HOURS_CAP) {
      for (int i = 0; i < 24; i++) {
        hours[i] /= 2;
      }
    }
    long t = at.toEpochMilli();
    firstSeen = firstSeen == 0 ? t : Math.min(firstSeen, t);
    lastSeen = Math.max(lastSeen, t);
    days.add(Math.floorDiv(t, 86_400_000L));
    while (days.size() > MAX_DAYS) {
      days.pollFirst();
    }
    remember(networks, network, t, MAX_NETWORKS);
    remember(agents, agentHash, t, MAX_AGENTS);
    dirty = true;
  }

  /** Learns where and with what a request came, without counting it as activity of an hour (requests are not audit events). */
  public void observeNetwork(Instant at, String network, String agentHash) {
    long t = at.toEpochMilli();
    lastSeen = Math.max(lastSeen, t);
    remember(networks, network, t, MAX_NETWORKS);
    remember(agents, agentHash, t, MAX_AGENTS);
    dirty = true;
  }

  public void offerPeak(Window w, double count, Instant at) {
    Peak next = peaks[w.ordinal()].offer(count, at);
    if (next != peaks[w.ordinal()]) {
      peaks[w.ordinal()] = next;
      dirty = true;
    }
  }

  /**
   * A completed day's count (on every node). Unlike the peaks, a mean: a slow insider's first heavy days stand out
   * against it, where a fading maximum would have taken them as the new normal at once. A day already taken (here or
   * by another node whose learning reached this one) is not taken again.
   */
  public void offerDay(long day, long count) {
    if (day <= lastDay) {
      return;
    }
    typicalDay = typicalDay == 0 ? count : 0.8 * typicalDay + 0.2 * count;
    lastDay = day;
    dirty = true;
  }

  public double typicalDay() {
    return typicalDay;
  }

  public double peak(Window w, Instant now) {
    return peaks[w.ordinal()].at(now);
  }

  public boolean knowsNetwork(String network) {
    return network == null || networks.containsKey(network);
  }

  public boolean knowsAnyNetwork() {
    return !networks.isEmpty();
  }

  public Instant lastSeen() {
    return lastSeen == 0 ? null : Instant.ofEpochMilli(lastSeen);
  }

  public int activeDays() {
    return days.size();
  }

  public long events() {
    return Arrays.stream(hours).sum();
  }

  /** The share of the user's activity in this hour of the day and the two beside it. */
  public double shareAround(int hour) {
    long total = events();
    if (total == 0) {
      return 0;
    }
    return (double) (hours[(hour + 23) % 24] + hours[hour] + hours[(hour + 1) % 24]) / total;
  }

  public boolean isDirty() {
    return dirty;
  }

  public Map<String, Long> networks() {
    return Map.copyOf(networks);
  }

  /** A copy with the deltas, for a flush; this one's deltas are cleared (restore them with {@link #restoreDeltas} if the flush fails). */
  public Baseline takeForFlush() {
    Baseline copy = copy();
    Arrays.fill(hoursDelta, 0);
    dirty = false;
    return copy;
  }

  public void restoreDeltas(Baseline taken) {
    for (int i = 0; i < 24; i++) {
      hoursDelta[i] += taken.hoursDelta[i];
    }
    dirty = true;
  }

  /** What a flush stores: the stored state plus this one's deltas, the larger peaks, the union of networks and days. */
  public Baseline mergedInto(Baseline stored) {
    Baseline m = stored.copy();
    Arrays.fill(m.hoursDelta, 0);
    for (int i = 0; i < 24; i++) {
      m.hours[i] += hoursDelta[i];
    }
    m.absorbSets(this);
    m.dirty = false;
    return m;
  }

  /** After a flush: take the merged state (others' learning included), keeping deltas that arrived meanwhile. */
  public void rebase(Baseline merged) {
    for (int i = 0; i < 24; i++) {
      hours[i] = merged.hours[i] + hoursDelta[i];
    }
    absorbSets(merged);
  }

  private void absorbSets(Baseline other) {
    for (int i = 0; i < peaks.length; i++) {
      peaks[i] = peaks[i].merge(other.peaks[i]);
    }
    other.networks.forEach((k, v) -> remember(networks, k, v, MAX_NETWORKS));
    other.agents.forEach((k, v) -> remember(agents, k, v, MAX_AGENTS));
    days.addAll(other.days);
    while (days.size() > MAX_DAYS) {
      days.pollFirst();
    }
    // nodes each saw part of a day: the larger mean is the cautious choice (a higher limit, fewer false alerts)
    typicalDay = Math.max(typicalDay, other.typicalDay);
    lastDay = Math.max(lastDay, other.lastDay);
    firstSeen = firstSeen == 0 ? other.firstSeen : other.firstSeen == 0 ? firstSeen : Math.min(firstSeen, other.firstSeen);
    lastSeen = Math.max(lastSeen, other.lastSeen);
  }

  Baseline copy() {
    Baseline c = new Baseline();
    System.arraycopy(hours, 0, c.hours, 0, 24);
    System.arraycopy(hoursDelta, 0, c.hoursDelta, 0, 24);
    System.arraycopy(peaks, 0, c.peaks, 0, peaks.length);
    c.networks.putAll(networks);
    c.agents.putAll(agents);
    c.days.addAll(days);
    c.typicalDay = typicalDay;
    c.lastDay = lastDay;
    c.firstSeen = firstSeen;
    c.lastSeen = lastSeen;
    c.dirty = dirty;
    return c;
  }

  /** Keeps the most recently seen entries; the oldest goes when full. */
  private static void remember(LinkedHashMap<String, Long> map, String key, long at, int max) {
    if (key == null) {
      return;
    }
    Long before = map.get(key);
    if (before != null && before >= at) {
      return;
    }
    map.put(key, at);
    while (map.size() > max) {
      String oldest = null;
      long oldestAt = Long.MAX_VALUE;
      for (Map.Entry<String, Long> e : map.entrySet()) {
        if (e.getValue() < oldestAt) {
          oldestAt = e.getValue();
          oldest = e.getKey();
        }
      }
      map.remove(oldest);
    }
  }
}
