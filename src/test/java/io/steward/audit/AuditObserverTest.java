package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.TestDatabases.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's seam: observers see committed events in the recording thread, and cannot hurt a write. */
class AuditObserverTest {

  @TempDir
  Path dir;

  @Test
  void observerSeesCommittedEventsInTheRecordingThreadBeforeRecordReturns() {
    try (AuditFixture f = AuditFixture.on(Kind.H2, dir)) {
      List<String> seen = new ArrayList<>();
      Thread caller = Thread.currentThread();
      f.audit.observe(events -> {
        assertThat(Thread.currentThread()).isSameAs(caller);
        assertThat(f.count("audit_event")).as("committed before observed").isEqualTo(1);
        events.forEach(e -> seen.add(e.action() + " " + e.recordIds()));
      });
      f.trail().record(AuditFixture.read("u-1", "r-1"));
      assertThat(seen).containsExactly("record.read [r-1]");
    }
  }

  @Test
  void aFailingObserverNeitherLosesTheEventNorReachesTheCaller() {
    try (AuditFixture f = AuditFixture.on(Kind.H2, dir)) {
      List<String> later = new ArrayList<>();
      f.audit.observe(events -> {
        throw new IllegalStateException("monitor broke");
      });
      f.audit.observe(events -> later.add("still told"));
      f.trail().record(AuditFixture.read("u-1", "r-1"));
      assertThat(f.count("audit_event")).isEqualTo(1);
      assertThat(later).containsExactly("still told");
    }
  }

  @Test
  void anObserverMayRecordEventsOfItsOwn() {
    try (AuditFixture f = AuditFixture.on(Kind.H2, dir)) {
      f.audit.observe(events -> {
        if (events.get(0).action().equals(AuditActions.RECORD_READ)) {
          f.trail().record(AuditFixture.event(java.time.Instant.now(), AuditActions.CONTAINED, "system", null, "success"));
        }
      });
      f.trail().record(AuditFixture.read("u-1", "r-1"));
      assertThat(f.count("audit_event")).isEqualTo(2);
    }
  }
}
