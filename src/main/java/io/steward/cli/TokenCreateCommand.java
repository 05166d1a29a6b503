package io.steward.cli;

import io.steward.access.AccessRequestException;
import io.steward.access.Accounts;
import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/** Issues a personal API token for a user; the token text is printed once and never again. */
@Command(name = "token create", usage = "--user EMAIL --name NAME [--expires-in 30d] [--privileged]",
    summary = "Create an API token for a user and print it once (lifetime like 30d, 12h, 90m; --privileged: may reveal and export, at most 7d).")
class TokenCreateCommand implements CliCommand {

  private final Accounts accounts;
  private final ApiTokens tokens;

  TokenCreateCommand(Accounts accounts, ApiTokens tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    Options o = Options.parse(args, Set.of("user", "name", "expires-in"), Set.of("privileged"));
    String email = o.required("user");
    String name = o.required("name");
    Duration lifetime;
    try {
      lifetime = ApiTokens.parseLifetime(o.value("expires-in").orElse("30d"));
    } catch (AccessRequestException e) {
      throw new UsageException(e.getMessage());
    }
    var user = accounts.findByEmail(email).orElse(null);
    if (user == null) {
      System.err.println("There is no user with that email address.");
      return FAILURE;
    }
    if (!user.enabled()) {
      System.err.println("That user is disabled; enable the account before issuing a token.");
      return FAILURE;
    }
    ApiTokens.IssuedToken t = tokens.create(Principal.system(), user.id(), name, lifetime, o.flag("privileged"));
    System.err.println("Token '" + name.strip() + "' for " + user.email() + " expires " + DateTimeFormatter.ISO_INSTANT.format(t.expiresAt())
        + ". It is shown only now: store it in a secret manager.");
    out.println(t.token());
    return OK;
  }
}
