package io.steward.cli.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** One line on stderr, redrawn in place: what is being made, how many of how many, records per second, time left. */
final class ProgressLine {

  private final PrintStream err;
  private final long total;
  private final long started = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private volatile String phase = "";

  ProgressLine(PrintStream err, long total) {
    this.err = err;
    this.total = total;
  }

  void phase(String name) {
    phase = name;
  }

  void add(long n) {
    done.addAndGet(n);
  }

  long done() {
    return done.get();
  }

  double perSecond() {
    double seconds = (System.nanoTime() - started) / 1e9;
    return seconds <= 0 ? 0 : done.get() / seconds;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  synchronized void draw() {
    long d = done.get();
    double rate = perSecond();
    String eta = rate <= 0 ? "--:--" : clock(Duration.ofSeconds((long) ((total - d) / rate)));
    err.printf("\r%-10s %,d/%,d records  %,.0f records/s  elapsed %s  ETA %s   ", phase, d, total, rate, clock(elapsed()), eta);
    err.flush();
  }

  synchronized void finish() {
    draw();
    err.println();
  }

  private static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
  }
}
