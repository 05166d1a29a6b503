package io.steward.audit.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints' second home, outside the database: one JSON line per checkpoint, appended and synced.
 * Someone who can rewrite the database (and its checkpoint table) still cannot make the chain agree with
 * this file. Keep it on other storage, or ship it off the machine.
 */
public final class CheckpointFile {

  private static final Logger log = LoggerFactory.getLogger(CheckpointFile.class);

  private final Path path;

  public CheckpointFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  public synchronized void append(Checkpoint checkpoint) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      byte[] line = (checkpoint.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the audit checkpoint file " + path, e);
    }
  }

  /** Every checkpoint in the file; a line that does not parse (a write cut short by a crash) is skipped. */
  public synchronized List<Checkpoint> readAll() {
    List<Checkpoint> checkpoints = new ArrayList<>();
    if (!Files.exists(path)) {
      return checkpoints;
    }
    try {
      int n = 0;
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          checkpoints.add(Checkpoint.fromJsonLine(line));
        } catch (RuntimeException e) {
          log.warn("Audit checkpoint file {} line {} does not parse; skipped", path, n);
        }
      }
      return checkpoints;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the audit checkpoint file " + path, e);
    }
  }
}
