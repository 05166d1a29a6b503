package io.steward.cli;

import io.steward.access.Principal;
import io.steward.records.StoredDataScan;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * Scans stored records for never-keep data that predates a detector. Prints findings by object, record, field and
 * detector — never a value — and exits 1 when there are any; redact or erase them under Admin → Never-keep guard.
 */
@Command(name = "scan", usage = "", summary = "Scan stored data for never-keep values (card numbers, SSNs, …); prints record and field, never the value.")
class ScanCommand implements CliCommand {

  private final StoredDataScan scan;

  ScanCommand(StoredDataScan scan) {
    this.scan = scan;
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    Options.parse(args, Set.of(), Set.of());
    List<StoredDataScan.Finding> findings = scan.scan(Principal.system(), n -> System.err.print("\rscanned " + n + " records"));
    System.err.println();
    for (StoredDataScan.Finding f : findings) {
      out.println(f.objectType() + "\t" + f.recordId() + "\t" + f.field() + "\t" + f.detectorId());
    }
    out.println(findings.isEmpty() ? "No never-keep data found." : findings.size() + " findings: redact or erase them under Admin → Never-keep guard.");
    return findings.isEmpty() ? OK : FAILURE;
  }
}
