package io.steward.imports;

import io.steward.access.Principal;
import io.steward.records.RecordQuery;
import io.steward.records.RecordService;
import io.steward.schema.FieldDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

/**
 * CSV export of what a query finds, with the columns the caller may export. Cells that a spreadsheet would run
 * as a formula are neutralised (OWASP CSV injection).
 */
@Service
public class CsvExport {

  private final RecordService records;

  CsvExport(RecordService records) {
    this.records = records;
  }

  public long export(Principal p, String type, RecordQuery query, Writer out) {
    List<FieldDef> columns = records.exportColumns(p, type);
    List<String> header = new ArrayList<>();
    header.add("id");
    columns.forEach(f -> header.add(f.apiName()));
    try {
      CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
      long n = records.export(p, type, query, row -> {
        try {
          List<String> cells = new ArrayList<>();
          for (String column : header) {
            cells.add(cell(row.get(column)));
          }
          printer.printRecord(cells);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      printer.flush();
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof Collection<?> c ? String.join(";", c.stream().map(Object::toString).toList())
        : value instanceof Map<?, ?> ? "" : value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }
}
