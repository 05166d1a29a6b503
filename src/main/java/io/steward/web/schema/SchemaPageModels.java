package io.steward.web.schema;

import io.steward.schema.FieldDef;
import io.steward.schema.FieldHistoryEntry;
import io.steward.schema.ObjectDef;
import io.steward.schema.PurposeDef;
import java.util.List;

/** What the schema administration templates show; built by {@link SchemaPages}. */
public final class SchemaPageModels {

  private SchemaPageModels() {}

  public record ObjectRow(ObjectDef object, int activeFields, int retiredFields, long records) {}

  public record FieldRow(FieldDef field, long filled, String href) {}

  public record ObjectPage(ObjectDef object, List<FieldRow> fields, List<PurposeDef> purposes, String error) {}

  public record FieldPage(ObjectDef object, FieldDef existing, SchemaForms.FieldForm form, List<String> types, List<String> classifications,
      List<String> searchModes, List<PurposeDef> purposes, List<String> relationTargets, List<FieldHistoryEntry> history, String action,
      String error) {}

  /** A purpose with the fields that serve it ("contact.email"). */
  public record PurposeRow(PurposeDef purpose, List<String> fields) {}

  public record RetirePage(ObjectDef object, FieldDef field, long filled) {}

  /** One line of the exposure trend chart: polyline points in a 600×120 box and the axis labels. */
  public record Trend(String points, String first, String last, long max) {}
}
