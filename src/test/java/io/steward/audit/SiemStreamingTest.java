package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steward.testsupport.TestDatabases.Kind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SiemStreamingTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void syslogOutageNeitherLosesEventsNorBlocksRecording(Kind kind) throws Exception {
    try (SyslogServer server = new SyslogServer()) {
      server.start();
      AuditProperties.Siem siem = AuditProperties.Siem.off()
          .withSyslog("127.0.0.1", server.port, false)
          .withFile(dir.resolve("siem/audit.jsonl").toString())
          .withBuffer(5, 50)
          .withRetry(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(100));
      try (AuditFixture f = AuditFixture.on(kind, dir, AuditFixture.properties(dir).withSiem(siem), java.time.Clock.systemUTC())) {
        f.append(20);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.seqs().containsAll(range(1, 20)));

        server.stop();
        long started = System.nanoTime();
        f.append(30);
        Duration recording = Duration.ofNanos(System.nanoTime() - started);
        Thread.sleep(300);
        assertThat(recording).as("recording does not wait for the SIEM").isLessThan(Duration.ofSeconds(5));
        assertThat(f.sql.sql("select seq from audit_siem_cursor where sink = 'syslog'").query(Long.class).single()).isEqualTo(20);

        server.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.seqs().containsAll(range(1, 50)));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.sql.sql("select seq from audit_siem_cursor where sink = 'syslog'").query(Long.class).single() == 50);
        await().atMost(Duration.ofSeconds(5)).until(() -> fileSeqs(dir.resolve("siem/audit.jsonl")).containsAll(range(1, 50)));
      }
      String first = server.messages.get(0);
      assertThat(first).matches("<110>1 \\S+Z \\S+ steward \\d+ record\\.read \\[steward@32473 seq=\"1\" hash=\"[0-9a-f]{64}\"] \\{\"seq\":1,.*\\}");
    }
  }

  private static Set<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
  }

  private static Set<Long> fileSeqs(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Set.of();
    }
    Pattern seq = Pattern.compile("^\\{\"seq\":(\\d+),");
    return Files.readAllLines(file).stream().map(seq::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).collect(Collectors.toSet());
  }

  /** A syslog receiver on 127.0.0.1 that reads octet-counted frames and can go down and come back on its port. */
  static final class SyslogServer implements AutoCloseable {
    final List<String> messages = new CopyOnWriteArrayList<>();
    private final Set<Long> seqs = new ConcurrentSkipListSet<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile ServerSocket socket;
    int port;

    synchronized void start() throws IOException {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = s.getLocalPort();
      socket = s;
      Thread accept = new Thread(() -> accept(s), "syslog-test-server");
      accept.setDaemon(true);
      accept.start();
    }

    Set<Long> seqs() {
      return seqs;
    }

    private void accept(ServerSocket s) {
      while (!s.isClosed()) {
        try {
          Socket client = s.accept();
          clients.add(client);
          Thread reader = new Thread(() -> read(client), "syslog-test-reader");
          reader.setDaemon(true);
          reader.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void read(Socket client) {
      Pattern seq = Pattern.compile(" seq=\"(\\d+)\"");
      try (InputStream in = new BufferedInputStream(client.getInputStream())) {
        while (true) {
          int length = 0;
          int c;
          while ((c = in.read()) != ' ') {
            if (c < 0) {
              return;
            }
            length = length * 10 + (c - '0');
          }
          byte[] message = in.readNBytes(length);
          if (message.length < length) {
            return;
          }
          String text = new String(message, StandardCharsets.UTF_8);
          messages.add(text);
          Matcher m = seq.matcher(text);
          if (m.find()) {
            seqs.add(Long.parseLong(m.group(1)));
          }
        }
      } catch (IOException e) {
        // the test closed the connection
      }
    }

    synchronized void stop() throws IOException {
      socket.close();
      for (Socket client : clients) {
        client.close();
      }
      clients.clear();
    }

    @Override
    public void close() throws IOException {
      stop();
    }
  }
}
