package io.steward.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a longer, ordered result. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public int totalPages() {
    return size == 0 ? 0 : (int) ((total + size - 1) / size);
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, size, total);
  }
}
