package io.steward.monitoring.rules;

import java.time.Instant;
import java.time.ZoneOffset;

/** A range of UTC hours such as "07-19" (from 07:00 to before 19:00); "22-06" wraps past midnight. */
public record HourRange(int from, int to) {

  /** The range, or null for an empty text (no range set). */
  public static HourRange parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] p = text.strip().split("-");
    return new HourRange(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
  }

  public boolean contains(Instant at) {
    int h = at.atOffset(ZoneOffset.UTC).getHour();
    return from <= to ? h >= from && h < to : h >= from || h < to;
  }
}
