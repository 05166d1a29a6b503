package io.steward.imports;

import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.records.ForbiddenException;
import io.steward.records.InvalidRecordException;
import io.steward.records.ProhibitedValueException;
import io.steward.records.RecordService;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * CSV import: each row becomes a record through the record service, so the never-keep guard, the schema, the
 * purposes and the caller's permissions apply to every cell. Rows that fail are reported by row number, field and
 * reason, never by value; the others are imported. A dry run checks every row and stores nothing.
 */
@Service
public class CsvImport {

  public static final int MAX_ROWS = 100_000;

  private final RecordService records;
  private final SchemaRegistry schema;
  private final AuditTrail audit;
  private final Clock clock;

  CsvImport(RecordService records, SchemaRegistry schema, AuditTrail audit, Clock clock) {
    this.records = records;
    this.schema = schema;
    this.audit = audit;
    this.clock = clock;
  }

  public record RowError(long row, String field, String code, String message) {}

  public record Report(long rows, long imported, boolean dryRun, List<String> unknownColumns, List<RowError> errors) {}

  public Report importCsv(Principal p, String type, Reader csv, boolean dryRun) {
    ObjectDef o = schema.require(type);
    List<RowError> errors = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    long rows = 0;
    long imported = 0;
    try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get().parse(csv)) {
      Map<String, FieldDef> columns = columns(o, parser.getHeaderNames(), unknown);
      for (CSVRecord record : parser) {
        rows++;
        if (rows > MAX_ROWS) {
          errors.add(new RowError(rows + 1, null, "too-many-rows", "Import at most " + MAX_ROWS + " rows at a time."));
          break;
        }
        Map<String, Object> input = new LinkedHashMap<>();
        columns.forEach((header, f) -> {
          String v = record.isMapped(header) ? record.get(header) : null;
          if (v != null && !v.isEmpty()) {
            input.put(f.apiName(), v);
          }
        });
        long line = record.getRecordNumber() + 1; // the header is line 1
        try {
          if (dryRun) {
            records.validate(p, o.apiName(), input);
          } else {
            records.create(p, o.apiName(), input);
            imported++;
          }
        } catch (InvalidRecordException e) {
          e.errors().forEach(fe -> errors.add(new RowError(line, fe.field(), fe.code(), fe.message())));
        } catch (ProhibitedValueException e) {
          errors.add(new RowError(line, e.field(), "prohibited:" + e.detectorId(), e.getMessage()));
        } catch (ForbiddenException e) {
          if (e.field() == null) {
            throw e;
          }
          errors.add(new RowError(line, e.field(), "forbidden", e.getMessage()));
        }
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw InvalidRecordException.malformed("file", "csv", "The file is not a CSV file with a header row Steward can read.");
    }
    Map<String, String> details = new HashMap<>();
    details.put("rows", Long.toString(rows));
    details.put("imported", Long.toString(imported));
    details.put("failedRows", Long.toString(errors.stream().map(RowError::row).distinct().count()));
    details.put("dryRun", Boolean.toString(dryRun));
    audit.record(new AuditEvent(clock.instant(), AuditActions.IMPORT, p.actorId(), o.apiName(), List.of(), List.of(), null, "success",
        p.request().ip(), p.request().userAgent(), p.request().requestId(), details));
    return new Report(rows, imported, dryRun, unknown, errors);
  }

  /** Header cells name fields by API name or label (any case); unknown ones are reported and ignored. */
  private static Map<String, FieldDef> columns(ObjectDef o, List<String> headers, List<String> unknown) {
    Map<String, FieldDef> byKey = new HashMap<>();
    for (FieldDef f : o.activeFields()) {
      byKey.put(f.apiName().toLowerCase(Locale.ROOT), f);
      byKey.put(f.label().toLowerCase(Locale.ROOT), f);
    }
    Map<String, FieldDef> columns = new LinkedHashMap<>();
    for (String h : headers) {
      FieldDef f = byKey.get(h.strip().toLowerCase(Locale.ROOT));
      if (f == null) {
        unknown.add(h.matches("[A-Za-z][A-Za-z0-9 _.-]{0,63}") ? h : "(column " + (headers.indexOf(h) + 1) + ")");
      } else {
        columns.put(h, f);
      }
    }
    return columns;
  }
}
