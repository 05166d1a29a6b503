package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.pipeline.Pipeline;
import io.steward.pipeline.Stage;
import io.steward.records.RecordQuery;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.records.Totals;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: pipeline value by stage (an SVG chart drawn on the server) and my open tasks. */
@Controller
public class HomePage {

  private final Pipeline pipeline;
  private final RecordService records;
  private final AccessPolicy policy;
  private final WebPages pages;

  HomePage(Pipeline pipeline, RecordService records, AccessPolicy policy, WebPages pages) {
    this.pipeline = pipeline;
    this.records = records;
    this.policy = policy;
    this.pages = pages;
  }

  public record Bar(String label, String value, long count, int x, int y, int width, int height, int labelY) {}

  public record Task(String id, String subject, String due, boolean overdue) {}

  public record Dashboard(boolean showPipeline, List<Bar> bars, String totalOpen, int chartWidth, int chartHeight, boolean showTasks,
      List<Task> tasks) {}

  @GetMapping("/")
  String home(Principal p, HttpServletRequest request, Map<String, Object> model) {
    boolean showPipeline = policy.mayObject(p, "deal", ObjectAction.READ);
    List<Bar> bars = new ArrayList<>();
    BigDecimal open = BigDecimal.ZERO;
    int chartHeight = 220;
    int barWidth = 90;
    if (showPipeline) {
      Map<Stage, Totals> values = pipeline.valueByStage(p);
      BigDecimal max = values.values().stream().map(Totals::sum).reduce(BigDecimal.ONE, BigDecimal::max);
      int i = 0;
      for (Map.Entry<Stage, Totals> e : values.entrySet()) {
        int h = e.getValue().sum().multiply(BigDecimal.valueOf(160)).divide(max, java.math.RoundingMode.HALF_UP).intValue();
        int x = 20 + i * (barWidth + 20);
        bars.add(new Bar(e.getKey().name(), io.steward.web.records.FieldDisplay.wholeMoney(e.getValue().sum()), e.getValue().count(), x, 180 - h, barWidth, h, 200));
        if (e.getKey().open()) {
          open = open.add(e.getValue().sum());
        }
        i++;
      }
    }
    boolean showTasks = policy.mayObject(p, "activity", ObjectAction.READ);
    List<Task> tasks = new ArrayList<>();
    if (showTasks) {
      String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
      for (RecordView t : records.list(p, "activity",
          new RecordQuery(Map.of("kind", "task", "done", "false"), null, "dueDate", 0, 20).ownedBy(p.userId())).items()) {
        Object due = t.value("dueDate");
        tasks.add(new Task(t.id().toString(), t.title(), due == null ? "" : due.toString(), due != null && due.toString().compareTo(today) < 0));
      }
    }
    model.put("page", pages.page(p, request, "Dashboard", "home"));
    model.put("view", new Dashboard(showPipeline, bars, io.steward.web.records.FieldDisplay.wholeMoney(open), Math.max(300, 20 + bars.size() * (barWidth + 20)), chartHeight,
        showTasks, tasks));
    return "home";
  }

}
