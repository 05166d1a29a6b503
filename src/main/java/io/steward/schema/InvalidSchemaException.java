package io.steward.schema;

import java.util.List;

/**
 * A schema change that cannot be made as asked: each problem names the attribute, a stable code and what to do.
 * Answered as 422.
 */
public class InvalidSchemaException extends IllegalArgumentException {

  public record Problem(String field, String code, String message) {}

  private final List<Problem> problems;

  public InvalidSchemaException(List<Problem> problems) {
    super(problems.isEmpty() ? "Invalid schema change" : problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  public static InvalidSchemaException of(String field, String code, String message) {
    return new InvalidSchemaException(List.of(new Problem(field, code, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
