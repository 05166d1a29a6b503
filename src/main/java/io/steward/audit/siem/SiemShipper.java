package io.steward.audit.siem;

import io.steward.audit.AuditProperties;
import io.steward.audit.chain.ChainRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The configured SIEM sinks, each shipped by its own worker; fed by the audit writer after each commit. */
public final class SiemShipper implements AutoCloseable {

  private final List<SinkWorker> workers;

  private SiemShipper(List<SinkWorker> workers) {
    this.workers = workers;
  }

  /** The shipper for the configured sinks, or null when none is configured. */
  public static SiemShipper create(DataSource dataSource, AuditProperties.Siem siem) {
    List<SiemSink> sinks = new ArrayList<>();
    if (siem.fileEnabled()) {
      sinks.add(new JsonLinesFileSink(Path.of(siem.file())));
    }
    if (siem.syslogEnabled()) {
      sinks.add(new SyslogTcpSink(siem.syslogHost(), siem.syslogPort(), siem.syslogTls()));
    }
    if (sinks.isEmpty()) {
      return null;
    }
    return new SiemShipper(sinks.stream()
        .map(s -> new SinkWorker(dataSource, s, siem.bufferSize(), siem.batchSize(), siem.retryMin(), siem.retryMax(), siem.poll()))
        .toList());
  }

  /** Hands committed rows to every sink's buffer; never blocks. */
  public void offer(List<ChainRow> rows) {
    for (SinkWorker worker : workers) {
      worker.offer(rows);
    }
  }

  public void start() {
    workers.forEach(SinkWorker::start);
  }

  @Override
  public void close() {
    workers.forEach(SinkWorker::close);
  }
}
