package io.steward.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The command side of the one jar. {@code main} asks {@link #isCommand} and, if so, hands over to {@link #run}:
 * the command is looked up before Spring starts (so {@code help} and typos touch no data), then Steward starts
 * without the web server and without scheduled background work, runs the command bean and exits.
 */
public final class Cli {

  /** Set while a command runs; beans that only make sense in a serving Steward can look at it. */
  public static final String COMMAND_PROPERTY = "steward.cli.command";
  /** Turns off {@code @Scheduled} work (cache polling, change-feed following) in command runs. */
  public static final String SCHEDULING_PROPERTY = "steward.scheduling.enabled";

  private Cli() {}

  /** A first argument that is not a {@code --property=value} of the server asks for a command. */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && (!args[0].startsWith("--") || args[0].equals("--help"));
  }

  /** Runs the command the arguments name and returns the process exit code. */
  public static int run(Class<?> application, String[] args) {
    CommandCatalog catalog = CommandCatalog.scan(ClassUtils.getPackageName(application));
    List<String> line = Arrays.asList(args);
    PrintStream out = System.out;
    if (line.get(0).equals("help") || line.get(0).equals("--help") || line.get(0).equals("-h")) {
      catalog.printUsage(out);
      return CliCommand.OK;
    }
    Optional<CommandCatalog.Match> match = catalog.match(line);
    if (match.isEmpty()) {
      System.err.println(catalog.knowsWord(line.get(0)) ? "Incomplete command." : "Unknown command '" + shorten(line.get(0)) + "'.");
      catalog.printUsage(System.err);
      return CliCommand.USAGE;
    }
    // Logs (and anything else written to System.out by libraries) go to stderr; command results keep stdout.
    System.setOut(System.err);
    try (ConfigurableApplicationContext context = start(application, match.get().entry().name())) {
      return execute(context, match.get(), out);
    } catch (RuntimeException e) {
      System.err.println("Steward could not start for this command; the reason is logged above.");
      return CliCommand.FAILURE;
    } finally {
      System.setOut(out);
    }
  }

  /** Runs a matched command in a started context: usage errors exit 2, other failures exit 1. */
  public static int execute(ApplicationContext context, CommandCatalog.Match match, PrintStream out) {
    CliCommand command;
    try {
      command = (CliCommand) context.getBean(ClassUtils.forName(match.entry().className(), context.getClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Command class missing: " + match.entry().className(), e);
    }
    try {
      return command.run(match.args(), out);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println("Usage: java -jar steward.jar " + command.usage());
      return CliCommand.USAGE;
    } catch (Exception e) {
      System.err.println("Failed: " + safeMessage(e));
      return CliCommand.FAILURE;
    }
  }

  private static ConfigurableApplicationContext start(Class<?> application, String command) {
    SpringApplication app = new SpringApplication(application);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.io.steward", "INFO"));
    app.addInitializers(context -> context.getEnvironment().getPropertySources().addFirst(
        new MapPropertySource("steward-cli", Map.of(COMMAND_PROPERTY, command, SCHEDULING_PROPERTY, "false"))));
    return app.run();
  }

  /**
   * Steward's own exceptions carry messages written for people (never values); anything else is named by type
   * only, because a driver's message may quote the data it choked on.
   */
  static String safeMessage(Throwable e) {
    if (e.getClass().getName().startsWith("io.steward.") && e.getMessage() != null) {
      return e.getMessage();
    }
    StackTraceElement where = Arrays.stream(e.getStackTrace()).filter(f -> f.getClassName().startsWith("io.steward.")).findFirst().orElse(null);
    return e.getClass().getSimpleName() + (where == null ? "" : " at " + where);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
