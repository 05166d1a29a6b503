package io.steward.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's options: {@code --name value}, {@code --name=value} and bare flags, checked against what it accepts. */
public final class Options {

  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private Options() {}

  /**
   * Parses {@code args}; {@code valued} are options that take a value, {@code flagNames} are options that do not.
   * Anything else is a usage error.
   */
  public static Options parse(List<String> args, Set<String> valued, Set<String> flagNames) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("Unexpected argument '" + shorten(arg) + "'.");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flagNames.contains(name) && value == null) {
        o.flags.add(name);
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException("--" + name + " needs a value.");
          }
          value = args.get(++i);
        }
        if (o.values.putIfAbsent(name, value) != null) {
          throw new UsageException("--" + name + " is given twice.");
        }
      } else {
        throw new UsageException("Unknown option --" + shorten(name) + ".");
      }
    }
    return o;
  }

  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("--" + name + " is required.");
    }
    return v;
  }

  public long number(String name, long defaultValue, long min, long max) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n < min || n > max) {
        throw new UsageException("--" + name + " must be between " + min + " and " + max + ".");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number.");
    }
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
