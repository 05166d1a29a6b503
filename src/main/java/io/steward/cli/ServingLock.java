package io.steward.cli;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * A serving Steward holds an OS lock on {@code <data-dir>/serving.lock} for as long as it runs, so that commands
 * which must not run beside a server (key rotation: the server would keep using the keys it loaded) can see one.
 * The lock vanishes with the process, even after a crash. It only sees servers on this machine and data folder.
 */
@Component
@ConditionalOnWebApplication
class ServingLock {

  static final String FILE = "serving.lock";
  private static final Logger log = LoggerFactory.getLogger(ServingLock.class);

  /** Data folders this JVM serves; probing them through the file would drop our own lock (POSIX closes all). */
  private static final java.util.Set<Path> SERVED_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path folder;
  private FileChannel channel;
  private FileLock lock;

  ServingLock(@Value("${steward.data-dir}") String dataDir) {
    folder = Path.of(dataDir).toAbsolutePath().normalize();
    Path file = folder.resolve(FILE);
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = channel.tryLock();
      if (lock == null) {
        log.warn("Another Steward server holds {}; two servers on one data folder need PostgreSQL.", file.toAbsolutePath());
        return;
      }
      SERVED_HERE.add(folder);
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException | OverlappingFileLockException e) {
      log.warn("Cannot take the serving lock {}: commands cannot tell that this server runs", file.toAbsolutePath());
    }
  }

  /** True if a Steward server (another process, or this JVM in tests) is serving on this data folder. */
  static boolean held(Path dataDir) {
    Path folder = dataDir.toAbsolutePath().normalize();
    if (SERVED_HERE.contains(folder)) {
      return true;
    }
    Path file = folder.resolve(FILE);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock probe = c.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @PreDestroy
  void release() throws IOException {
    if (lock != null) {
      SERVED_HERE.remove(folder);
      lock.release();
    }
    if (channel != null) {
      channel.close();
    }
  }
}
