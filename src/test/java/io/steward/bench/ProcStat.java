package io.steward.bench;

/** Reading CPU time from a Linux /proc stat line ({@code /proc/PID/stat} or {@code /proc/PID/task/TID/stat}), for the benchmarks. */
final class ProcStat {

  private ProcStat() {}

  /** Two CPU-time fields (numbered as in proc(5), in clock ticks) of the stat line, added, in nanoseconds. */
  static long cpuNanos(String stat, int field, int otherField) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields[0] is field 3, the state
    return (Long.parseLong(fields[field - 3]) + Long.parseLong(fields[otherField - 3])) * 10_000_000L; // USER_HZ is 100 on Linux
  }
}
