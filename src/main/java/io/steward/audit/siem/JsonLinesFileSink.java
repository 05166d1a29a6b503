package io.steward.audit.siem;

import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.EventJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends each event as a JSON line to a file a log shipper (Filebeat, Vector, Fluent Bit) tails. */
final class JsonLinesFileSink implements SiemSink {

  private final Path path;

  JsonLinesFileSink(Path path) {
    this.path = path;
  }

  @Override
  public String name() {
    return "file";
  }

  @Override
  public void send(List<ChainRow> rows) throws IOException {
    StringBuilder text = new StringBuilder(rows.size() * 512);
    for (ChainRow row : rows) {
      text.append(EventJson.line(row)).append('\n');
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    }
  }

  @Override
  public void close() {}
}
