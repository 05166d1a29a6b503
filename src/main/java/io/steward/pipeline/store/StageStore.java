package io.steward.pipeline.store;

import io.steward.pipeline.Stage;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stage table. */
@Repository
public class StageStore {

  private final JdbcClient jdbc;

  public StageStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Stage> all() {
    return jdbc.sql("select name, position, won, lost from pipeline_stage order by position, name")
        .query((rs, n) -> new Stage(rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4)))
        .list();
  }

  public void replaceAll(List<Stage> stages) {
    jdbc.sql("delete from pipeline_stage").update();
    for (Stage s : stages) {
      jdbc.sql("insert into pipeline_stage (name, position, won, lost) values (:n, :p, :w, :l)")
          .param("n", s.name())
          .param("p", s.position())
          .param("w", s.won())
          .param("l", s.lost())
          .update();
    }
  }
}
