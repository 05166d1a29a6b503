package io.steward.cli;

import io.steward.audit.AuditVerifier;
import io.steward.audit.VerificationReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** Verifies the audit trail's hash chain and signed checkpoints; exit code 1 names the first broken link. */
@Command(name = "audit verify", usage = "", summary = "Verify the audit trail (hash chain, signed checkpoints, truncation); exit 1 if broken.")
class AuditVerifyCommand implements CliCommand {

  private final AuditVerifier verifier;

  AuditVerifyCommand(AuditVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    Options.parse(args, Set.of(), Set.of());
    VerificationReport report = verifier.verify();
    out.println(report.summary());
    return report.ok() ? OK : FAILURE;
  }
}
