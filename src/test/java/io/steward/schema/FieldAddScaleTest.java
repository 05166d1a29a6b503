package io.steward.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.shared.Classification;
import io.steward.testsupport.AppTestBase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Adding a field is metadata only: with 100,000 records present no row is rewritten and it takes no longer than with none. */
class FieldAddScaleTest extends AppTestBase {

  static final int ROWS = 100_000;

  @Autowired SchemaAdmin admin;
  @Autowired RecordService records;
  @Autowired Principals principals;
  @Autowired JdbcTemplate batch;
  @Autowired JdbcClient jdbc;

  @Test
  void addingAFieldWith100000RecordsRewritesNoRowAndTakesNoLongerThanWithNone() {
    Principal root = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    admin.createObject(root, new ObjectSpec("bulkItem", "Bulk item", "Bulk items", List.of(), null, Set.of("sales"), List.of()));
    admin.createObject(root, new ObjectSpec("emptyItem", "Empty item", "Empty items", List.of(), null, Set.of("sales"), List.of()));
    insertRows("bulkItem", ROWS);
    String before = fingerprint("bulkItem");
    long changesBefore = changes();

    long empty = timeToAdd(root, "emptyItem", "colour");
    long full = timeToAdd(root, "bulkItem", "colour");

    assertThat(fingerprint("bulkItem")).as("no record row changed").isEqualTo(before);
    assertThat(changes()).as("no record change was written").isEqualTo(changesBefore);
    assertThat(full).as("ms with %d records vs %d ms with none", ROWS, empty).isLessThan(Math.max(1000, empty * 5));
    RecordView v = records.create(root, "bulkItem", Map.of("name", "new one", "colour", "teal"));
    assertThat(v.value("colour")).isEqualTo("teal");
  }

  private long timeToAdd(Principal root, String object, String field) {
    FieldSpec spec = new FieldSpec(field, "Colour", FieldType.TEXT, Classification.PERSONAL, false, SearchMode.EXACT, true, Set.of("sales"),
        null, 40, null, null, null, List.of(), null, null, null);
    long started = System.nanoTime();
    admin.addField(root, object, spec);
    return (System.nanoTime() - started) / 1_000_000;
  }

  private void insertRows(String type, int n) {
    Timestamp at = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
    UUID owner = UUID.randomUUID();
    List<Object[]> rows = new ArrayList<>(5000);
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {UUID.randomUUID(), type, owner, 1L, at, at, "sales", "{\"name\":\"item " + i + "\"}"});
      if (rows.size() == 5000 || i == n - 1) {
        batch.batchUpdate("insert into record (id, object_type, owner_id, version, created_at, updated_at, purposes, plain) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        rows.clear();
      }
    }
  }

  private String fingerprint(String type) {
    return jdbc.sql("select count(*), sum(version), max(updated_at), min(updated_at), sum(length(plain)) from record where object_type = :t")
        .param("t", type)
        .query((rs, i) -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getString(3) + "/" + rs.getString(4) + "/" + rs.getLong(5))
        .single();
  }

  private long changes() {
    return jdbc.sql("select count(*) from record_change").query(Long.class).single();
  }
}
