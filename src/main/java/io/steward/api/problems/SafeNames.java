package io.steward.api.problems;

import io.steward.guard.ProhibitedDataGuard;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Decides whether a name the client sent (a query parameter, a JSON key) may be repeated in an error. Only
 * plain identifiers that the never-keep guard finds nothing in are named; anything else is described, not
 * echoed, so an error never carries a value that was smuggled into a name.
 */
@Component
public class SafeNames {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private final ProhibitedDataGuard guard;

  public SafeNames(ProhibitedDataGuard guard) {
    this.guard = guard;
  }

  public boolean echoable(String name) {
    return name != null && IDENTIFIER.matcher(name).matches() && guard.inspect(name).isEmpty();
  }

  /** The name itself if it may be echoed, otherwise a stand-in that says what kind of name it was. */
  public String name(String name, String standIn) {
    return echoable(name) ? name : standIn;
  }
}
