package io.steward.schema;

import io.steward.schema.InvalidSchemaException.Problem;
import java.util.List;

/**
 * What importing a schema file would change (a dry run), or did change. {@code changes} list each difference;
 * {@code notes} say what the import leaves alone; with any {@code problems} nothing is applied.
 */
public record ImportPlan(List<Change> changes, List<String> notes, List<Problem> problems, boolean applied) {

  /** One difference: kind ("add-field", "change-role", …), what it concerns ("contact.shoeSize") and a readable summary. */
  public record Change(String kind, String target, String summary) {}

  public ImportPlan {
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
    problems = List.copyOf(problems);
  }

  public boolean applicable() {
    return problems.isEmpty();
  }
}
