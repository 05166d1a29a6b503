package io.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.access.RequestInfo;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers.TestUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class TokenCreateCommandTest extends AppTestBase {

  @Autowired ApplicationContext context;
  @Autowired ApiTokens tokens;

  private final CommandCatalog catalog = CommandCatalog.scan("io.steward");

  private record Run(int code, String out) {}

  private Run run(String... line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Cli.execute(context, catalog.match(List.of(line)).orElseThrow(), new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void printsATokenThatSignsTheUserIn() {
    TestUser user = users.withRole("sales");

    Run r = run("token", "create", "--user", user.email().toUpperCase(), "--name", "ci pipeline", "--expires-in", "7d");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith(ApiTokens.PREFIX).doesNotContain("\n");
    Principal p = tokens.resolve(r.out(), RequestInfo.NONE).orElseThrow();
    assertThat(p.userId()).isEqualTo(user.id());
    assertThat(tokens.of(user.id())).anyMatch(t -> t.name().equals("ci pipeline"));
  }

  @Test
  void unknownUserFailsWithoutAToken() {
    Run r = run("token", "create", "--user", "nobody@example.test", "--name", "x");

    assertThat(r.code()).isEqualTo(CliCommand.FAILURE);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void lifetimeMustBeReadableAndBounded() {
    TestUser user = users.withRole("sales");

    assertThat(run("token", "create", "--user", user.email(), "--name", "x", "--expires-in", "soon").code()).isEqualTo(CliCommand.USAGE);
    assertThat(run("token", "create", "--user", user.email(), "--name", "x", "--expires-in", "9999d").code()).isEqualTo(CliCommand.FAILURE);
    assertThat(run("token", "create", "--name", "x").code()).isEqualTo(CliCommand.USAGE);
  }
}
