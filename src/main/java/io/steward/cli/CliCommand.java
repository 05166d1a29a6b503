package io.steward.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of the one jar ({@code java -jar steward.jar <command> [options]}). Adding a command is adding one
 * bean: a class implementing this interface, annotated with {@link Command}. Commands reach data only through the
 * modules' public services, like every other way in.
 */
public interface CliCommand {

  int OK = 0;
  int FAILURE = 1;
  int USAGE = 2;

  /**
   * Runs the command with the arguments after its name. Results go to {@code out}; progress, warnings and logs go
   * to standard error, so {@code out} can be piped. Returns the exit code; a {@link UsageException} means exit 2.
   */
  int run(List<String> args, PrintStream out) throws Exception;

  default String name() {
    return spec().name();
  }

  default String usage() {
    return (spec().name() + " " + spec().usage()).strip();
  }

  private Command spec() {
    Command c = org.springframework.core.annotation.AnnotationUtils.findAnnotation(getClass(), Command.class);
    if (c == null) {
      throw new IllegalStateException(getClass().getName() + " implements CliCommand but has no @Command");
    }
    return c;
  }
}
