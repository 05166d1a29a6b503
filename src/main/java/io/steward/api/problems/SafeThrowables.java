package io.steward.api.problems;

/**
 * Describes an exception for the server log without its messages, which may carry personal or refused values:
 * the classes of the cause chain and where each was thrown.
 */
final class SafeThrowables {

  private static final int FRAMES = 8;

  private SafeThrowables() {}

  static String describe(Throwable ex) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable t = ex; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
      sb.append(depth == 0 ? "" : "\n  caused by ").append(t.getClass().getName());
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        sb.append("\n    at ").append(frames[i]);
      }
    }
    return sb.toString();
  }
}
