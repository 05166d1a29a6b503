package io.steward.cli;

import io.steward.crypto.KeyRotation;
import io.steward.crypto.Tier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;

/**
 * Rotates key-encryption keys (and, on request, the blind-index key) and waits until every data key is re-wrapped.
 * Refuses to run beside a server on the same data folder: that server would go on using the keys it loaded.
 */
@Command(name = "keys rotate", usage = "[--tier personal|sensitive|all] [--blind-index]",
    summary = "Rotate key-encryption keys (default: all tiers) and re-wrap every data key; stop the server first.")
class KeysRotateCommand implements CliCommand {

  private final KeyRotation rotation;
  private final Path dataDir;

  KeysRotateCommand(KeyRotation rotation, @Value("${steward.data-dir}") String dataDir) {
    this.rotation = rotation;
    this.dataDir = Path.of(dataDir);
  }

  @Override
  public int run(List<String> args, PrintStream out) throws Exception {
    Options o = Options.parse(args, Set.of("tier"), Set.of("blind-index"));
    boolean blindIndex = o.flag("blind-index");
    List<Tier> tiers = tiers(o.value("tier").orElse(blindIndex ? "none" : "all"));
    if (ServingLock.held(dataDir)) {
      System.err.println("A Steward server is running on " + dataDir.toAbsolutePath() + ". Stop it, rotate, then start it again: "
          + "a running server keeps using the keys it loaded. Nothing was changed.");
      return FAILURE;
    }
    List<Long> jobs = new ArrayList<>();
    for (Tier t : tiers) {
      jobs.add(rotation.rotateKek(t));
    }
    if (blindIndex) {
      try {
        jobs.add(rotation.rotateBlindIndex());
      } catch (IllegalStateException e) {
        System.err.println("Blind-index rotation is not available in this build (no index rebuilder is registered).");
        return FAILURE;
      }
    }
    CompletableFuture<Void> idle = CompletableFuture.runAsync(() -> {
      try {
        rotation.awaitIdle();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (true) {
      try {
        idle.get(500, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException stillRunning) {
        System.err.print("\r" + progressLine(jobs));
      }
    }
    System.err.print("\r" + progressLine(jobs) + "\n");
    boolean allDone = jobs.stream().allMatch(id -> rotation.find(id).map(p -> p.state().equals("done")).orElse(false));
    if (!allDone) {
      System.err.println("A rotation stopped before the end (see the log above); it resumes at the next start or rotation.");
      return FAILURE;
    }
    for (long id : jobs) {
      rotation.find(id).ifPresent(p -> out.println(p.kind() + ": " + p.processed() + " re-keyed, old key retired"));
    }
    return OK;
  }

  private String progressLine(List<Long> jobs) {
    StringBuilder line = new StringBuilder();
    for (long id : jobs) {
      rotation.find(id).ifPresent(p -> line.append(p.kind()).append(' ').append(p.processed()).append('/').append(p.total())
          .append(' ').append(p.state()).append("   "));
    }
    return line.toString();
  }

  private static List<Tier> tiers(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "all" -> List.of(Tier.values());
      case "personal" -> List.of(Tier.PERSONAL);
      case "sensitive" -> List.of(Tier.SENSITIVE);
      case "none" -> List.of();
      default -> throw new UsageException("--tier must be personal, sensitive or all.");
    };
  }
}
