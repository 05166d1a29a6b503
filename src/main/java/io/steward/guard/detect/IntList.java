package io.steward.guard.detect;

import java.util.Arrays;

/** A growable int array, to keep per-scan bookkeeping free of boxing. */
final class IntList {

  private int[] values = new int[8];
  private int size;

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int get(int index) {
    return values[index];
  }

  int size() {
    return size;
  }
}
