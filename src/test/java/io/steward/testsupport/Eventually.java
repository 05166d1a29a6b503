package io.steward.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for what a background thread does (an email, a notice, an audit event): polls every 20 ms, fails the test after a limit. */
public final class Eventually {

  private Eventually() {}

  /** The first value the probe finds within the time, or an AssertionError saying what did not happen. */
  public static <T> T await(Supplier<Optional<T>> probe, Duration within, Supplier<String> what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what.get() + " within " + within.toMillis() + " ms");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what.get());
      }
    }
  }

  public static void until(BooleanSupplier condition, Duration within, String what) {
    await(() -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), within, () -> what);
  }
}
