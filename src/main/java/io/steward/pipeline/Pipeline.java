package io.steward.pipeline;

import io.steward.access.Principal;
import io.steward.pipeline.store.StageStore;
import io.steward.records.RecordQuery;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.records.Totals;
import io.steward.schema.SchemaAdmin;
import io.steward.shared.RecordId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The deal pipeline: configurable stages, the board, moving deals and the value in each stage. */
@Service
public class Pipeline {

  private static final Pattern STAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private final StageStore stages;
  private final RecordService records;
  private final SchemaAdmin schemaAdmin;

  Pipeline(StageStore stages, RecordService records, SchemaAdmin schemaAdmin) {
    this.stages = stages;
    this.records = records;
    this.schemaAdmin = schemaAdmin;
  }

  public record Column(Stage stage, List<RecordView> deals, long count, BigDecimal value) {}

  public List<Stage> stages() {
    return stages.all();
  }

  /** The board: each stage with its first deals (by expected close) and its count and value. */
  public List<Column> board(Principal p, int perStage) {
    Map<String, Totals> totals = records.totals(p, "deal", "stage", "amount");
    List<Column> columns = new ArrayList<>();
    for (Stage s : stages.all()) {
      List<RecordView> deals = records.list(p, "deal", new RecordQuery(Map.of("stage", s.name()), null, "closeDate", 0, perStage)).items();
      Totals t = totals.getOrDefault(s.name(), new Totals(0, BigDecimal.ZERO));
      columns.add(new Column(s, deals, t.count(), t.sum()));
    }
    return columns;
  }

  /** Pipeline value per stage, in board order. */
  public Map<Stage, Totals> valueByStage(Principal p) {
    Map<String, Totals> totals = records.totals(p, "deal", "stage", "amount");
    Map<Stage, Totals> out = new LinkedHashMap<>();
    for (Stage s : stages.all()) {
      out.put(s, totals.getOrDefault(s.name(), new Totals(0, BigDecimal.ZERO)));
    }
    return out;
  }

  /** Moves a deal to another stage, through the record service (so every rule and the audit apply). */
  public RecordView move(Principal p, RecordId deal, String stage, Long version) {
    return records.update(p, "deal", deal, Map.of("stage", stage), version);
  }

  /** Replaces the stages; their names become the deal stage options. Deals in a removed stage keep their value. */
  @Transactional
  public void configure(Principal p, List<Stage> newStages) {
    if (newStages.isEmpty()) {
      throw new IllegalArgumentException("A pipeline needs at least one stage.");
    }
    List<Stage> ordered = new ArrayList<>();
    for (int i = 0; i < newStages.size(); i++) {
      Stage s = newStages.get(i);
      if (!STAGE_NAME.matcher(s.name()).matches()) {
        throw new IllegalArgumentException("Stage names use lower-case letters, digits and dashes.");
      }
      if (s.won() && s.lost()) {
        throw new IllegalArgumentException("A stage cannot be both won and lost.");
      }
      ordered.add(new Stage(s.name(), i, s.won(), s.lost()));
    }
    schemaAdmin.setOptions(p, "deal", "stage", ordered.stream().map(Stage::name).toList());
    stages.replaceAll(ordered);
  }
}
