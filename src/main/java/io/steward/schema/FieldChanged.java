package io.steward.schema;

import io.steward.access.Principal;

/**
 * Published when a field's definition changed. The records module re-seals existing values when the
 * classification changed and rebuilds the search index when the search mode changed, in the background.
 */
public record FieldChanged(Principal actor, FieldDef before, FieldDef after) {

  public boolean classificationChanged() {
    return before.classification() != after.classification();
  }

  public boolean searchChanged() {
    return before.searchMode() != after.searchMode();
  }
}
