package io.steward.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.testsupport.AppTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StoredDataScanTest extends AppTestBase {

  @Autowired StoredDataScan scan;
  @Autowired RecordService records;
  @Autowired ProhibitedDataGuard guard;
  @Autowired Principals principals;

  @Test
  void findsNeverKeepDataStoredBeforeItsDetectorAndRedactsIt() {
    Principal admin = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    guard.disable("us-ssn");
    RecordView c;
    try {
      c = records.create(admin, "contact", Map.of("firstName", "Old", "lastName", "Import", "jobTitle", "SSN 536-22-8417 on file"));
    } finally {
      guard.enable("us-ssn");
    }

    List<StoredDataScan.Finding> findings = scan.scan(admin, n -> {});

    assertThat(findings).contains(new StoredDataScan.Finding("contact", c.id(), "jobTitle", "us-ssn"));
    scan.redact(admin, findings.get(0));
    assertThat(records.get(admin, "contact", c.id()).value("jobTitle")).isNull();
    assertThat(scan.scan(admin, n -> {})).noneMatch(f -> f.recordId().equals(c.id()));
  }
}
