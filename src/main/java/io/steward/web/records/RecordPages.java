package io.steward.web.records;

import io.steward.access.AccessPolicy;
import io.steward.access.FieldLevel;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.records.FieldValue;
import io.steward.records.ForbiddenException;
import io.steward.records.InvalidRecordException;
import io.steward.records.ProhibitedValueException;
import io.steward.records.RecordConflictException;
import io.steward.records.RecordQuery;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.schema.FieldDef;
import io.steward.schema.FieldType;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.Page;
import io.steward.shared.RecordId;
import io.steward.web.PageModel;
import io.steward.web.WebPages;
import io.steward.web.records.RecordPageModels.Cell;
import io.steward.web.records.RecordPageModels.Column;
import io.steward.web.records.RecordPageModels.DetailView;
import io.steward.web.records.RecordPageModels.FieldRow;
import io.steward.web.records.RecordPageModels.FormField;
import io.steward.web.records.RecordPageModels.FormView;
import io.steward.web.records.RecordPageModels.HeldFor;
import io.steward.web.records.RecordPageModels.PurposeChoice;
import io.steward.web.records.RecordPageModels.ListRow;
import io.steward.web.records.RecordPageModels.ListView;
import io.steward.web.records.RecordPageModels.Option;
import io.steward.web.records.RecordPageModels.RelatedLink;
import io.steward.web.records.RecordPageModels.TimelineItem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * List, detail, create, edit and delete pages for every object type, built-in or custom, from the schema.
 * Every read and write goes through {@link RecordService}; this class only turns forms into maps and views into
 * pages.
 */
@Controller
class RecordPages {

  private static final String FIELD_PREFIX = "f.";

  private final RecordService records;
  private final SchemaRegistry schema;
  private final AccessPolicy policy;
  private final WebPages pages;

  RecordPages(RecordService records, SchemaRegistry schema, AccessPolicy policy, WebPages pages) {
    this.records = records;
    this.schema = schema;
    this.policy = policy;
    this.pages = pages;
  }

  @GetMapping("/o/{collection}")
  String list(Principal p, @PathVariable String collection, @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page, HttpServletRequest request,
      HttpServletResponse response, Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    List<Column> columns = columns(p, o, q, sort);
    String error = null;
    Page<RecordView> found;
    try {
      found = records.list(p, o.apiName(), new RecordQuery(Map.of(), q, sort, page, 50));
    } catch (InvalidRecordException e) {
      error = e.getMessage();
      response.setStatus(400);
      found = new Page<>(List.of(), 0, 50, 0);
    }
    List<ListRow> rows = new ArrayList<>();
    for (RecordView v : found.items()) {
      List<Cell> cells = new ArrayList<>();
      for (Column c : columns) {
        FieldDef f = o.field(c.field()).orElseThrow();
        cells.add(cell(p, f, v.values().get(f.apiName())));
      }
      rows.add(new ListRow(v.id().toString(), "/o/" + o.collection() + "/" + v.id(), cells));
    }
    String base = "/o/" + o.collection() + "?" + (q == null ? "" : "q=" + enc(q) + "&") + (sort == null ? "" : "sort=" + enc(sort) + "&");
    int pages = found.totalPages();
    model.put("page", this.pages.page(p, request, o.pluralLabel(), o.apiName()));
    model.put("view", new ListView(o, columns, rows, q == null ? "" : q, found.total(), page, pages,
        page > 0 ? base + "page=" + (page - 1) : null, found.hasNext() ? base + "page=" + (page + 1) : null,
        policy.mayObject(p, o.apiName(), ObjectAction.CREATE), error));
    return "records/list";
  }

  @GetMapping("/o/{collection}/new")
  String newForm(Principal p, @PathVariable String collection, HttpServletRequest request, Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    Map<String, Object> prefill = new HashMap<>();
    for (FieldDef f : o.relations()) {
      String v = request.getParameter(f.apiName());
      if (v != null && RecordId.parse(v).isPresent()) {
        prefill.put(f.apiName(), v);
      }
    }
    return form(p, o, null, prefill, Map.of(), null, chosenPurposes(o, request, null), null, request, model);
  }

  @PostMapping("/o/{collection}")
  String create(Principal p, @PathVariable String collection, HttpServletRequest request, HttpServletResponse response,
      Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    Map<String, Object> input = formValues(p, o, request, false);
    if (request.getParameter("refresh") != null) {
      return form(p, o, null, input, Map.of(), null, chosenPurposes(o, request, null), null, request, model);
    }
    try {
      RecordView created = records.create(p, o.apiName(), input);
      String back = request.getParameter("returnTo");
      return "redirect:" + (safeReturn(back) ? back : "/o/" + o.collection() + "/" + created.id());
    } catch (InvalidRecordException | ProhibitedValueException | ForbiddenException e) {
      response.setStatus(e instanceof ForbiddenException ? 403 : 422);
      return form(p, o, null, redisplay(input, e), errors(e), formError(e), chosenPurposes(o, request, null), null, request, model);
    }
  }

  @GetMapping("/o/{collection}/{id}")
  String detail(Principal p, @PathVariable String collection, @PathVariable String id, HttpServletRequest request, Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    RecordView v = records.get(p, o.apiName(), parse(o, id));
    return detailPage(p, o, v, request, model, null);
  }

  @PostMapping("/o/{collection}/{id}/reveal")
  String reveal(Principal p, @PathVariable String collection, @PathVariable String id, @RequestParam String field,
      @RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    RecordId rid = parse(o, id);
    try {
      return detailPage(p, o, records.reveal(p, o.apiName(), rid, field, reason), request, model, null);
    } catch (InvalidRecordException | ProhibitedValueException | ForbiddenException e) {
      response.setStatus(e instanceof ForbiddenException ? 403 : 422);
      return detailPage(p, o, records.get(p, o.apiName(), rid), request, model, e.getMessage());
    }
  }

  @GetMapping("/o/{collection}/{id}/edit")
  String editForm(Principal p, @PathVariable String collection, @PathVariable String id, HttpServletRequest request, Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    RecordView v = records.get(p, o.apiName(), parse(o, id));
    Map<String, Object> values = new HashMap<>();
    v.values().forEach((k, fv) -> {
      if (fv instanceof FieldValue.Shown s) {
        values.put(k, s.value());
      }
    });
    return form(p, o, v, values, Map.of(), null, new java.util.TreeSet<>(v.purposes()), null, request, model);
  }

  @PostMapping("/o/{collection}/{id}")
  String update(Principal p, @PathVariable String collection, @PathVariable String id, @RequestParam(required = false) Long version,
      HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    RecordId rid = parse(o, id);
    Map<String, Object> input = formValues(p, o, request, true);
    if (request.getParameter("refresh") != null) {
      return form(p, o, records.get(p, o.apiName(), rid), input, Map.of(), null, chosenPurposes(o, request, null), null, request, model);
    }
    try {
      records.update(p, o.apiName(), rid, input, version);
      return "redirect:/o/" + o.collection() + "/" + rid;
    } catch (InvalidRecordException | ProhibitedValueException | ForbiddenException | RecordConflictException e) {
      response.setStatus(e instanceof ForbiddenException ? 403 : e instanceof RecordConflictException ? 409 : 422);
      RecordView current = records.get(p, o.apiName(), rid);
      String confirm = e instanceof InvalidRecordException ie && ie.errors().stream().anyMatch(x -> x.code().equals("unjustified-values"))
          ? e.getMessage() : null;
      return form(p, o, current, redisplay(input, e), errors(e), confirm != null ? null : formError(e),
          chosenPurposes(o, request, current), confirm, request, model);
    }
  }

  @PostMapping("/o/{collection}/{id}/delete")
  String delete(Principal p, @PathVariable String collection, @PathVariable String id) {
    ObjectDef o = schema.require(collection);
    records.delete(p, o.apiName(), parse(o, id));
    return "redirect:/o/" + o.collection();
  }

  // --- pages

  private String detailPage(Principal p, ObjectDef o, RecordView v, HttpServletRequest request, Map<String, Object> model, String error) {
    List<FieldRow> rows = new ArrayList<>();
    for (FieldDef f : o.activeFields()) {
      FieldValue fv = v.values().get(f.apiName());
      if (fv == null) {
        if (policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()) != FieldLevel.HIDDEN) {
          rows.add(new FieldRow(f.apiName(), f.label(), f.classification().apiName(), "", null, false, false));
        }
        continue;
      }
      Cell c = cell(p, f, fv);
      rows.add(new FieldRow(f.apiName(), f.label(), f.classification().apiName(), c.text(), c.href(), c.masked(),
          fv instanceof FieldValue.Masked m && m.revealable()));
    }
    String relationField = relationFieldFor(o);
    boolean showTimeline = relationField != null && policy.mayObject(p, "activity", ObjectAction.READ);
    List<TimelineItem> timeline = showTimeline ? timeline(p, relationField, v.id()) : List.of();
    List<RelatedLink> deals = relationField != null && !o.apiName().equals("deal") && policy.mayObject(p, "deal", ObjectAction.READ)
        ? deals(p, relationField, v.id()) : List.of();
    PageModel page = pages.page(p, request, v.title(), o.apiName());
    if (error != null) {
      page = page.withFlash("error", error);
    }
    model.put("page", page);
    model.put("view", new DetailView(o, v.id().toString(), v.title(), v.version(), rows,
        policy.mayObject(p, o.apiName(), ObjectAction.UPDATE), policy.mayObject(p, o.apiName(), ObjectAction.DELETE), showTimeline,
        timeline, deals, showTimeline && policy.mayObject(p, "activity", ObjectAction.CREATE), relationField, heldFor(p, o, v.id())));
    return "records/detail";
  }

  private String form(Principal p, ObjectDef o, RecordView existing, Map<String, Object> values, Map<String, String> errors,
      String error, java.util.Set<String> chosen, String confirmErase, HttpServletRequest request, Map<String, Object> model) {
    List<FormField> fields = new ArrayList<>();
    for (FieldDef f : o.activeFields()) {
      if (!policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(FieldLevel.EDIT)) {
        continue;
      }
      if (java.util.Collections.disjoint(f.purposes(), chosen) && values.get(f.apiName()) == null) {
        continue; // forms show only the fields the record's purposes allow
      }
      Object value = values.get(f.apiName());
      boolean maskedExisting = existing != null && existing.values().get(f.apiName()) instanceof FieldValue.Masked;
      fields.add(new FormField(f, f.label() + (maskedExisting ? " (hidden; type to replace)" : ""), FIELD_PREFIX + f.apiName(),
          FieldDisplay.inputType(f), FieldDisplay.input(f, value), f.options(),
          f.type() == FieldType.RELATION ? relationOptions(p, f, value) : List.of(), f.required() && !maskedExisting,
          errors.get(f.apiName()), FieldDisplay.isLong(f), f.type() == FieldType.BOOLEAN,
          f.type() == FieldType.PICKLIST, f.type() == FieldType.MULTI_PICKLIST, f.type() == FieldType.RELATION));
    }
    String action = existing == null ? "/o/" + o.collection() : "/o/" + o.collection() + "/" + existing.id();
    String title = existing == null ? "New " + o.label().toLowerCase() : "Edit " + existing.title();
    model.put("page", pages.page(p, request, title, o.apiName()));
    model.put("view", new FormView(o, action, title, existing == null ? null : existing.version(), fields, error,
        existing == null ? "/o/" + o.collection() : "/o/" + o.collection() + "/" + existing.id(), purposeChoices(chosen, request),
        errors.get("purposes"), confirmErase, "/o/" + o.collection() + "/new"));
    model.put("returnTo", safeReturn(request.getParameter("returnTo")) ? request.getParameter("returnTo") : "");
    return "records/form";
  }

  // --- purposes

  /** The purposes a form is for: those ticked (or named in the address), else the record's, else the object's defaults. */
  private java.util.Set<String> chosenPurposes(ObjectDef o, HttpServletRequest request, RecordView existing) {
    String[] ticked = request.getParameterValues("purpose");
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (ticked != null) {
      for (String t : ticked) {
        schema.purpose(t).ifPresent(x -> out.add(x.name()));
      }
      return out;
    }
    if (existing != null) {
      out.addAll(existing.purposes());
      return out;
    }
    out.addAll(o.defaultPurposes());
    return out;
  }

  private List<PurposeChoice> purposeChoices(java.util.Set<String> chosen, HttpServletRequest request) {
    List<PurposeChoice> out = new ArrayList<>();
    for (var def : schema.purposes()) {
      String consent = request.getParameter("consent." + def.name());
      out.add(new PurposeChoice(def.name(), def.label(), def.description(), def.defaultBasis().label(),
          def.defaultBasis() == io.steward.schema.LegalBasis.CONSENT, chosen.contains(def.name()), consent == null ? "" : consent));
    }
    return out;
  }

  private List<HeldFor> heldFor(Principal p, ObjectDef o, RecordId id) {
    List<HeldFor> out = new ArrayList<>();
    for (io.steward.records.RecordPurpose rp : records.purposes(p, o.apiName(), id)) {
      String label = schema.purpose(rp.purpose()).map(io.steward.schema.PurposeDef::label).orElse(rp.purpose());
      StringBuilder detail = new StringBuilder();
      if (rp.consentAt() != null) {
        detail.append("agreed ").append(rp.consentAt().toString(), 0, 10);
      }
      if (rp.consentText() != null) {
        detail.append(detail.isEmpty() ? "" : " to ").append('"').append(rp.consentText()).append('"');
      }
      if (rp.source() != null) {
        detail.append(detail.isEmpty() ? "" : " · ").append(rp.source());
      }
      out.add(new HeldFor(rp.purpose(), label, rp.basis().label().toLowerCase(java.util.Locale.ROOT), detail.toString()));
    }
    return out;
  }

  // --- helpers

  private List<Column> columns(Principal p, ObjectDef o, String q, String sort) {
    List<Column> columns = new ArrayList<>();
    for (FieldDef f : o.activeFields()) {
      if (columns.size() >= 6 || f.type() == FieldType.LONG_TEXT || f.isSensitive()) {
        continue;
      }
      if (!policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(FieldLevel.READ)) {
        continue;
      }
      String current = sort == null ? o.defaultSort() : sort;
      String arrow = f.apiName().equals(current) ? "▲" : ("-" + f.apiName()).equals(current) ? "▼" : "";
      String next = f.apiName().equals(current) ? "-" + f.apiName() : f.apiName();
      columns.add(new Column(f.apiName(), f.label(), f.sortable(),
          "/o/" + o.collection() + "?sort=" + enc(next) + (q == null || q.isBlank() ? "" : "&q=" + enc(q)), arrow));
    }
    return columns;
  }

  private Cell cell(Principal p, FieldDef f, FieldValue fv) {
    if (fv == null) {
      return new Cell("", null, false);
    }
    if (fv instanceof FieldValue.Masked) {
      return new Cell("•••••", null, true);
    }
    Object value = ((FieldValue.Shown) fv).value();
    if (f.type() == FieldType.RELATION) {
      Optional<RecordId> target = RecordId.parse(value.toString());
      Optional<ObjectDef> targetType = schema.find(f.relationTarget());
      if (target.isPresent() && targetType.isPresent()) {
        Optional<String> title = records.titleOf(p, targetType.get().apiName(), target.get());
        return title.map(t -> new Cell(t, "/o/" + targetType.get().collection() + "/" + target.get(), false))
            .orElse(new Cell("(not visible)", null, false));
      }
    }
    return new Cell(FieldDisplay.text(f, value), f.type() == FieldType.URL ? value.toString() : null, false);
  }

  private List<Option> relationOptions(Principal p, FieldDef f, Object current) {
    List<Option> options = new ArrayList<>();
    Optional<ObjectDef> target = schema.find(f.relationTarget());
    if (target.isEmpty() || !policy.mayObject(p, target.get().apiName(), ObjectAction.READ)) {
      return options;
    }
    String selected = current == null ? "" : current.toString();
    boolean found = false;
    for (RecordView v : records.list(p, target.get().apiName(), new RecordQuery(Map.of(), null, null, 0, 200)).items()) {
      boolean sel = v.id().toString().equals(selected);
      found |= sel;
      options.add(new Option(v.id().toString(), v.title(), sel));
    }
    if (!found && !selected.isEmpty()) {
      RecordId.parse(selected).flatMap(id -> records.titleOf(p, target.get().apiName(), id))
          .ifPresent(t -> options.add(0, new Option(selected, t, true)));
    }
    return options;
  }

  private List<TimelineItem> timeline(Principal p, String relationField, RecordId id) {
    List<TimelineItem> items = new ArrayList<>();
    for (RecordView a : records.list(p, "activity", new RecordQuery(Map.of(relationField, id.toString()), null, "-createdAt", 0, 100)).items()) {
      Object due = a.value("dueDate");
      Object when = a.value("occurredAt");
      String whenText = due != null ? "due " + due : when != null ? when.toString().replace('T', ' ').replace("Z", " UTC") : a.createdAt().toString().substring(0, 10);
      Object body = a.value("body");
      items.add(new TimelineItem(a.id().toString(), String.valueOf(a.value("kind")), a.title(), whenText, Boolean.TRUE.equals(a.value("done")),
          body == null ? "" : body.toString()));
    }
    return items;
  }

  private List<RelatedLink> deals(Principal p, String relationField, RecordId id) {
    List<RelatedLink> out = new ArrayList<>();
    for (RecordView d : records.list(p, "deal", new RecordQuery(Map.of(relationField, id.toString()), null, "name", 0, 100)).items()) {
      Object amount = d.value("amount");
      out.add(new RelatedLink(d.title(), "/o/deals/" + d.id(), d.value("stage") + (amount == null ? "" : " · $" + amount)));
    }
    return out;
  }

  /** Which activity field points at this kind of record (contact, company or deal), if any. */
  private String relationFieldFor(ObjectDef o) {
    return schema.find("activity").flatMap(a -> a.relations().stream().filter(f -> o.apiName().equals(f.relationTarget())).findFirst())
        .map(FieldDef::apiName).orElse(null);
  }

  private Map<String, Object> formValues(Principal p, ObjectDef o, HttpServletRequest request, boolean update) {
    Map<String, Object> input = new LinkedHashMap<>();
    if (request.getParameter("purposesShown") != null) {
      List<Object> purposes = new ArrayList<>();
      for (String name : chosenPurposes(o, request, null)) {
        String consent = request.getParameter("consent." + name);
        if (consent != null && !consent.isBlank()) {
          purposes.add(Map.of("purpose", name, "basis", "consent", "consentText", consent, "source", "web form"));
        } else {
          purposes.add(name);
        }
      }
      input.put("purposes", purposes);
    }
    String erase = request.getParameter("eraseUnjustified");
    if (erase != null && (erase.equals("true") || erase.equals("false"))) {
      input.put("eraseUnjustified", Boolean.parseBoolean(erase));
    }
    for (FieldDef f : o.activeFields()) {
      if (!policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(FieldLevel.EDIT)) {
        continue;
      }
      String[] raw = request.getParameterValues(FIELD_PREFIX + f.apiName());
      if (f.type() == FieldType.BOOLEAN) {
        if (raw == null) {
          continue; // not on this form (its purposes were not chosen)
        }
        input.put(f.apiName(), List.of(raw).contains("true"));
      } else if (f.type() == FieldType.MULTI_PICKLIST) {
        if (raw == null && request.getParameter("shown." + f.apiName()) == null) {
          continue;
        }
        input.put(f.apiName(), raw == null ? null : List.of(raw));
      } else if (raw == null) {
        continue;
      } else if (update && f.isSensitive() && raw[0].isBlank()) {
        continue; // a masked value left blank stays as it is
      } else {
        input.put(f.apiName(), raw[0].isBlank() ? null : raw[0]);
      }
    }
    return input;
  }

  /** Values to put back in a re-shown form: a refused never-keep value is dropped, never echoed. */
  private static Map<String, Object> redisplay(Map<String, Object> input, RuntimeException e) {
    Map<String, Object> values = new HashMap<>(input);
    if (e instanceof ProhibitedValueException pv) {
      values.remove(pv.field());
    }
    return values;
  }

  private static Map<String, String> errors(RuntimeException e) {
    Map<String, String> errors = new HashMap<>();
    if (e instanceof InvalidRecordException ie) {
      ie.errors().forEach(fe -> errors.putIfAbsent(fe.field(), fe.message()));
    } else if (e instanceof ProhibitedValueException pv) {
      errors.put(pv.field(), pv.getMessage());
    } else if (e instanceof ForbiddenException fe && fe.field() != null) {
      errors.put(fe.field(), fe.getMessage());
    }
    return errors;
  }

  private static String formError(RuntimeException e) {
    if (e instanceof RecordConflictException || (e instanceof ForbiddenException fe && fe.field() == null)) {
      return e.getMessage();
    }
    return "Please correct the fields marked below.";
  }

  private static RecordId parse(ObjectDef o, String id) {
    return RecordId.parse(id).orElseThrow(() -> new io.steward.records.RecordNotFoundException(o.label().toLowerCase()));
  }

  private static boolean safeReturn(String path) {
    return path != null && path.startsWith("/o/") && !path.contains("//") && !path.contains("\\") && path.length() < 200;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
