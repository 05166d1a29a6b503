package io.steward.audit;

import io.steward.crypto.KeyRing;
import io.steward.crypto.local.PassphraseKeyFile;
import io.steward.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link AuditCrashTest}: appends events from four threads until it is killed, printing
 * "ACK id" for each event only after {@code record} returned.
 */
public final class AuditCrashChild {

  public static void main(String[] args) {
    String url = args[0];
    KeyRing keys = new KeyRing(new PassphraseKeyFile(Path.of(args[1]), args[2].toCharArray()));
    AuditProperties properties = AuditProperties.defaults(args[3]).withCheckpoints(50, Duration.ofMinutes(5));
    Audit audit = Audit.create(TestDatabases.dataSource(url), keys, properties).start();
    System.out.println("READY");
    System.out.flush();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      new Thread(() -> {
        for (long i = 0; ; i++) {
          String id = "c" + thread + "-" + i;
          audit.trail().record(new AuditEvent(Instant.now(), AuditActions.RECORD_READ, "crash-user", "contact", List.of("r-" + i), List.of("email"),
              null, "success", "127.0.0.1", "crash", id, Map.of()));
          synchronized (System.out) {
            System.out.println("ACK " + id);
            System.out.flush();
          }
        }
      }).start();
    }
  }
}
