package io.steward.monitoring.drill;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The breach drill's clock: the system clock, except during a request that named its own time (so a month of
 * simulated work can be replayed in minutes). Only ever installed in drill mode, on a loopback-only server.
 */
final class DrillClock extends Clock {

  private static final ThreadLocal<Instant> REQUEST_TIME = new ThreadLocal<>();

  static void set(Instant at) {
    REQUEST_TIME.set(at);
  }

  static void clear() {
    REQUEST_TIME.remove();
  }

  @Override
  public Instant instant() {
    Instant at = REQUEST_TIME.get();
    return at != null ? at : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
