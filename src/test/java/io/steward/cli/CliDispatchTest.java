package io.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.StewardApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The command line is matched before Spring starts: help and mistakes answer at once and touch no data. */
class CliDispatchTest {

  @Test
  void unknownCommandPrintsUsageAndExitsTwo() {
    Captured c = capture(() -> Cli.run(StewardApplication.class, new String[] {"frobnicate", "--now"}));

    assertThat(c.code()).isEqualTo(CliCommand.USAGE);
    assertThat(c.err()).contains("Unknown command 'frobnicate'").contains("Usage:").contains("token create").contains("demo-data");
    assertThat(c.out()).isEmpty();
  }

  @Test
  void incompleteCommandPrintsUsageAndExitsTwo() {
    Captured c = capture(() -> Cli.run(StewardApplication.class, new String[] {"token"}));

    assertThat(c.code()).isEqualTo(CliCommand.USAGE);
    assertThat(c.err()).contains("Incomplete command").contains("token create --user EMAIL");
  }

  @Test
  void helpListsEveryCommandOnStdoutAndExitsZero() {
    Captured c = capture(() -> Cli.run(StewardApplication.class, new String[] {"help"}));

    assertThat(c.code()).isEqualTo(CliCommand.OK);
    assertThat(c.out()).contains("token create", "demo-data", "keys rotate", "Exit codes");
  }

  @Test
  void serverOptionsAreNotCommands() {
    assertThat(Cli.isCommand(new String[] {})).isFalse();
    assertThat(Cli.isCommand(new String[] {"--server.port=9090"})).isFalse();
    assertThat(Cli.isCommand(new String[] {"token", "create"})).isTrue();
    assertThat(Cli.isCommand(new String[] {"--help"})).isTrue();
  }

  @Test
  void longestCommandNameWinsAndTheRestAreItsArguments() {
    CommandCatalog catalog = CommandCatalog.scan("io.steward");

    CommandCatalog.Match m = catalog.match(List.of("keys", "rotate", "--tier", "personal")).orElseThrow();

    assertThat(m.entry().name()).isEqualTo("keys rotate");
    assertThat(m.args()).containsExactly("--tier", "personal");
    assertThat(catalog.match(List.of("keys"))).isEmpty();
  }

  @Test
  void optionsRefuseWhatTheCommandDoesNotTake() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Options.parse(List.of("--user", "a@example.com", "--colour", "red"), java.util.Set.of("user"), java.util.Set.of()))
        .isInstanceOf(UsageException.class).hasMessageContaining("--colour");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.parse(List.of("--user"), java.util.Set.of("user"), java.util.Set.of()))
        .isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
    assertThat(Options.parse(List.of("--user=a@example.com"), java.util.Set.of("user"), java.util.Set.of()).required("user"))
        .isEqualTo("a@example.com");
  }

  record Captured(int code, String out, String err) {}

  static synchronized Captured capture(IntSupplier run) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = run.getAsInt();
      return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
