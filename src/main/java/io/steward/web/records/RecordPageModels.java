package io.steward.web.records;

import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import java.util.List;

/** What the record templates show; built by {@link RecordPages}, never the stored model. */
public final class RecordPageModels {

  private RecordPageModels() {}

  public record Cell(String text, String href, boolean masked) {}

  public record ListRow(String id, String href, List<Cell> cells) {}

  public record Column(String field, String label, boolean sortable, String sortHref, String arrow) {}

  public record ListView(ObjectDef object, List<Column> columns, List<ListRow> rows, String q, long total, int page, int pages,
      String prevHref, String nextHref, boolean canCreate, String error) {}

  /** One field on a detail page. */
  public record FieldRow(String field, String label, String classification, String text, String href, boolean masked,
      boolean revealable) {}

  public record TimelineItem(String id, String kind, String subject, String when, boolean done, String body) {}

  public record RelatedLink(String title, String href, String note) {}

  public record DetailView(ObjectDef object, String id, String title, long version, List<FieldRow> fields, boolean canEdit,
      boolean canDelete, boolean showTimeline, List<TimelineItem> timeline, List<RelatedLink> deals, boolean canAddActivity,
      String relationField, List<HeldFor> purposes) {}

  /** One purpose a record is held for, as the detail page shows it. */
  public record HeldFor(String purpose, String label, String basis, String detail) {}

  /** One purpose on a form's purpose selector; {@code consent} purposes ask for the wording agreed to. */
  public record PurposeChoice(String name, String label, String description, String basis, boolean consent, boolean checked,
      String consentText) {}

  /** One input on a form. */
  public record FormField(FieldDef def, String label, String name, String inputType, String value, List<String> options,
      List<Option> relationOptions, boolean required, String error, boolean longText, boolean bool, boolean picklist, boolean multi,
      boolean relation) {}

  public record Option(String value, String label, boolean selected) {}

  public record FormView(ObjectDef object, String action, String title, Long version, List<FormField> fields, String error,
      String cancelHref, List<PurposeChoice> purposes, String purposeError, String confirmErase, String newHref) {}
}
