package io.steward.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The commands the jar knows, read from their {@link Command} annotations without starting Spring, and the
 * matching of a command line to one of them (the longest name whose words begin the line wins).
 */
public final class CommandCatalog {

  /** One command as declared: its name words, usage and summary, and the bean class that runs it. */
  public record Entry(String name, String usage, String summary, String className) {
    List<String> words() {
      return List.of(name.trim().split("\\s+"));
    }
  }

  /** A command line matched to a command: the entry and the arguments after its name. */
  public record Match(Entry entry, List<String> args) {}

  private final List<Entry> entries;

  public CommandCatalog(List<Entry> entries) {
    this.entries = entries.stream().sorted(Comparator.comparing(Entry::name)).toList();
  }

  /** Scans a package tree for {@link Command} classes (reads class files only; loads and runs nothing). */
  public static CommandCatalog scan(String basePackage) {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Command.class));
    List<Entry> found = new ArrayList<>();
    for (BeanDefinition d : scanner.findCandidateComponents(basePackage)) {
      AnnotationMetadata meta = ((org.springframework.beans.factory.annotation.AnnotatedBeanDefinition) d).getMetadata();
      Map<String, Object> a = meta.getAnnotationAttributes(Command.class.getName());
      if (a != null && !(d instanceof AbstractBeanDefinition abd && abd.isAbstract())) {
        found.add(new Entry((String) a.get("name"), (String) a.get("usage"), (String) a.get("summary"), d.getBeanClassName()));
      }
    }
    return new CommandCatalog(found);
  }

  public List<Entry> entries() {
    return entries;
  }

  public Optional<Match> match(List<String> line) {
    Entry best = null;
    for (Entry e : entries) {
      List<String> words = e.words();
      if (line.size() >= words.size() && line.subList(0, words.size()).equals(words)
          && (best == null || words.size() > best.words().size())) {
        best = e;
      }
    }
    return best == null ? Optional.empty() : Optional.of(new Match(best, List.copyOf(line.subList(best.words().size(), line.size()))));
  }

  /** True if the first word starts some command, e.g. "token" for "token create". */
  public boolean knowsWord(String first) {
    return entries.stream().anyMatch(e -> e.words().get(0).equals(first));
  }

  public void printUsage(PrintStream out) {
    out.println("Usage: java -jar steward.jar                      serve (the web UI and REST API)");
    out.println("       java -jar steward.jar <command> [options]  run a command and exit");
    out.println();
    out.println("Commands:");
    for (Entry e : entries) {
      out.println("  " + (e.name() + " " + e.usage()).strip());
      out.println("      " + e.summary());
    }
    out.println("  help");
    out.println("      Show this text.");
    out.println();
    out.println("Commands use the same settings as the server (STEWARD_DATA_DIR, STEWARD_DB_URL, STEWARD_MASTER_PASSPHRASE, ...).");
    out.println("Exit codes: 0 done, 1 failed, 2 wrong command line.");
  }
}
