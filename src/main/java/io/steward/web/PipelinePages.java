package io.steward.web;

import io.steward.access.Principal;
import io.steward.pipeline.Pipeline;
import io.steward.pipeline.Stage;
import io.steward.records.FieldValue;
import io.steward.records.InvalidRecordException;
import io.steward.records.RecordConflictException;
import io.steward.records.RecordView;
import io.steward.schema.SchemaAccessDeniedException;
import io.steward.shared.RecordId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The pipeline board (deals by stage, moved with a form per card) and the stage settings. */
@Controller
public class PipelinePages {

  private final Pipeline pipeline;
  private final WebPages pages;

  PipelinePages(Pipeline pipeline, WebPages pages) {
    this.pipeline = pipeline;
    this.pages = pages;
  }

  public record Card(String id, String name, String amount, String closeDate, long version) {}

  public record ColumnView(String stage, boolean won, boolean lost, long count, String value, List<Card> cards) {}

  @GetMapping("/pipeline")
  String board(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return boardPage(p, request, model, null);
  }

  @PostMapping("/pipeline/move")
  String move(Principal p, @RequestParam String deal, @RequestParam String stage, @RequestParam(required = false) Long version,
      HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    RecordId id = RecordId.parse(deal).orElseThrow(() -> new io.steward.records.RecordNotFoundException("deal"));
    try {
      pipeline.move(p, id, stage, version);
    } catch (InvalidRecordException | RecordConflictException e) {
      response.setStatus(e instanceof RecordConflictException ? 409 : 422);
      return boardPage(p, request, model, e.getMessage());
    }
    return "redirect:/pipeline";
  }

  @GetMapping("/pipeline/stages")
  String stages(Principal p, HttpServletRequest request, Map<String, Object> model) {
    model.put("page", pages.page(p, request, "Pipeline stages", "pipeline"));
    model.put("stages", pipeline.stages());
    model.put("error", null);
    return "pipeline/stages";
  }

  @PostMapping("/pipeline/stages")
  String saveStages(Principal p, @RequestParam(name = "name") List<String> names, @RequestParam(name = "outcome") List<String> outcomes,
      HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        String outcome = i < outcomes.size() ? outcomes.get(i) : "open";
        stages.add(new Stage(name, i, outcome.equals("won"), outcome.equals("lost")));
      }
    }
    try {
      pipeline.configure(p, stages);
    } catch (IllegalArgumentException | SchemaAccessDeniedException e) {
      response.setStatus(e instanceof SchemaAccessDeniedException ? 403 : 422);
      model.put("page", pages.page(p, request, "Pipeline stages", "pipeline"));
      model.put("stages", pipeline.stages());
      model.put("error", e.getMessage());
      return "pipeline/stages";
    }
    return "redirect:/pipeline";
  }

  private String boardPage(Principal p, HttpServletRequest request, Map<String, Object> model, String error) {
    List<ColumnView> columns = new ArrayList<>();
    for (Pipeline.Column c : pipeline.board(p, 50)) {
      List<Card> cards = new ArrayList<>();
      for (RecordView d : c.deals()) {
        Object amount = d.values().get("amount") instanceof FieldValue.Shown s ? s.value() : null;
        Object close = d.value("closeDate");
        cards.add(new Card(d.id().toString(), d.title(), amount == null ? "" : io.steward.web.records.FieldDisplay.wholeMoney(new BigDecimal(amount.toString())),
            close == null ? "" : close.toString(), d.version()));
      }
      columns.add(new ColumnView(c.stage().name(), c.stage().won(), c.stage().lost(), c.count(), io.steward.web.records.FieldDisplay.wholeMoney(c.value()), cards));
    }
    PageModel page = pages.page(p, request, "Pipeline", "pipeline");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("columns", columns);
    model.put("stageNames", pipeline.stages().stream().map(Stage::name).toList());
    return "pipeline/board";
  }

}
