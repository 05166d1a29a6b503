package io.steward.tmpcheck;

import io.steward.audit.Audit;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditProperties;
import io.steward.audit.store.AuditRows;
import io.steward.audit.chain.ChainHasher;
import io.steward.crypto.KeyRing;
import io.steward.testsupport.TestDatabases;
import java.nio.file.Files;
import java.sql.*;
import java.time.*;
import java.util.*;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TmpProfileTest {
  static final int N = 300_000;
  @Test
  void profile() throws Exception {
    for (TestDatabases.Kind kind : List.of(TestDatabases.Kind.POSTGRES)) {
    DataSource ds = TestDatabases.migrated(kind);
    try (Audit audit = Audit.create(ds, KeyRing.inMemory(), AuditProperties.defaults(Files.createTempDirectory("p").toString())).start()) {
      for (int c = 0; c < N / 1000; c++) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) events.add(new AuditEvent(Instant.now(), AuditActions.RECORD_READ, "user-" + i % 50, "contact", List.of(UUID.randomUUID().toString()),
            List.of("firstName", "lastName", "email"), "support", "success", "10.1.2.3", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "req-" + i, Map.of("view", "detail")));
        audit.trail().recordAll(events);
      }
      for (int round = 0; round < 3; round++) {
        for (int mode = 0; mode < 5; mode++) {
          long t = System.nanoTime();
          long n = 0;
          try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select " + AuditRows.COLUMNS + " from audit_event where seq > ? order by seq")) {
              ps.setFetchSize(5000); ps.setLong(1, 0); if (mode >= 2 && ps.isWrapperFor(org.postgresql.PGStatement.class)) ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
              ChainHasher h = new ChainHasher();
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  n++;
                  if (mode == 1) { for (int i = 3; i <= 15; i++) rs.getString(i); }
                  if (mode == 2) { }
                  if (mode == 3) { rs.getObject(2, OffsetDateTime.class); }
                  if (mode == 4) { h.hash(AuditRows.read(rs)); }
                }
              }
            }
            c.rollback();
          }
          long ns = System.nanoTime() - t;
          System.out.printf("%s round %d mode %d: %d rows %.0f rows/s%n", kind, round, mode, n, n / (ns / 1e9));
        }
        long t = System.nanoTime();
        var r = audit.verifier().verify();
        System.out.printf("%s verify: %.0f rows/s %s%n", kind, N / ((System.nanoTime() - t) / 1e9), r.ok());
      }
      try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select user_agent, details from audit_event where seq = 1")) {
        rs.next(); System.out.println(kind + " getBytes: " + new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8) + " / " + new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8));
      } catch (Exception e) { System.out.println(kind + " getBytes fails: " + e); }
    }
    }
  }
}
