package io.steward.cli;

import io.steward.crypto.KeyRotation;
import io.steward.crypto.Tier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Rotates key-encryption keys (and, on request, the blind-index key) and waits until every data key is re-wrapped and
 * the old keys are retired. Runs beside any number of serving nodes on the same database and key source: they load the
 * new keys within seconds, and the rotation waits for each of them (see docs/security.md, "Several nodes").
 */
@Command(name = "keys rotate", usage = "[--tier personal|sensitive|all] [--blind-index]",
    summary = "Rotate key-encryption keys (default: all tiers) and re-wrap every data key, while servers keep serving.")
class KeysRotateCommand implements CliCommand {

  private final KeyRotation rotation;

  KeysRotateCommand(KeyRotation rotation) {
    this.rotation = rotation;
  }

  @Override
  public int run(List<String> args, PrintStream out) throws Exception {
    Options o = Options.parse(args, Set.of("tier"), Set.of("blind-index"));
    boolean blindIndex = o.flag("blind-index");
    List<Tier> tiers = tiers(o.value("tier").orElse(blindIndex ? "none" : "all"));
    List<Long> jobs = new ArrayList<>();
    boolean refused = false;
    try {
      for (Tier t : tiers) {
        jobs.add(rotation.rotateKek(t));
      }
      if (blindIndex) {
        jobs.add(rotation.rotateBlindIndex());
      }
    } catch (KeyRotation.AlreadyRotating e) {
      System.err.println(e.getMessage() + " It finishes on the node that runs it; rotate again once it is done.");
      refused = true;
    } catch (IllegalStateException e) {
      System.err.println("Blind-index rotation is not available in this build (no index rebuilder is registered).");
      return FAILURE;
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
      System.err.println("A rotation stopped before the end (see the log above); a serving node takes it up again within a "
          + "minute, or the next Steward to start does.");
      return FAILURE;
    }
    for (long id : jobs) {
      rotation.find(id).ifPresent(p -> out.println(p.kind() + ": " + p.processed() + " re-keyed, old key retired"));
    }
    return refused ? FAILURE : OK;
  }

  private String progressLine(List<Long> jobs) {
    StringBuilder line = new StringBuilder();
    for (long id : jobs) {
      rotation.find(id).ifPresent(p -> line.append(p.kind()).append(' ').append(p.processed()).append('/').append(p.total())
          .append(' ').append(p.state()).append(p.phaseText().isEmpty() ? "" : " (" + p.phaseText() + ")").append("   "));
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
