package io.steward.audit.chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit trail's JSON text: canonical on the way out (keys sorted, one escaping rule) because the hash
 * covers the stored text, and a small strict reader for the only shapes the trail stores: an array of
 * strings, and a flat object of string or number values.
 */
public final class Json {

  private Json() {}

  public static String stringList(List<String> values) {
    StringBuilder out = new StringBuilder(2 + values.size() * 40).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      quote(values.get(i), out);
    }
    return out.append(']').toString();
  }

  public static String stringMap(Map<String, String> values) {
    StringBuilder out = new StringBuilder(2 + values.size() * 40).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(e.getKey(), out);
      out.append(':');
      quote(e.getValue(), out);
    }
    return out.append('}').toString();
  }

  public static void quote(String value, StringBuilder out) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  public static List<String> parseStringList(String text) {
    Reader r = new Reader(text);
    List<String> values = new ArrayList<>();
    r.expect('[');
    if (!r.peekIs(']')) {
      do {
        values.add(r.string());
      } while (r.comma());
    }
    r.expect(']');
    r.end();
    return values;
  }

  /** A flat object; string values stay strings, numbers and literals come back as their text. */
  public static Map<String, String> parseFlatObject(String text) {
    Reader r = new Reader(text);
    Map<String, String> values = new LinkedHashMap<>();
    r.expect('{');
    if (!r.peekIs('}')) {
      do {
        String key = r.string();
        r.expect(':');
        values.put(key, r.scalar());
      } while (r.comma());
    }
    r.expect('}');
    r.end();
    return values;
  }

  private static final class Reader {
    private final String s;
    private int i;

    Reader(String s) {
      if (s == null) {
        throw new IllegalArgumentException("no JSON text");
      }
      this.s = s;
    }

    void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    boolean peekIs(char c) {
      skip();
      return i < s.length() && s.charAt(i) == c;
    }

    void expect(char c) {
      skip();
      if (i >= s.length() || s.charAt(i) != c) {
        throw new IllegalArgumentException("malformed JSON: expected '" + c + "' at " + i);
      }
      i++;
    }

    boolean comma() {
      if (peekIs(',')) {
        i++;
        return true;
      }
      return false;
    }

    void end() {
      skip();
      if (i != s.length()) {
        throw new IllegalArgumentException("malformed JSON: trailing text at " + i);
      }
    }

    String scalar() {
      skip();
      if (peekIs('"')) {
        return string();
      }
      int start = i;
      while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String literal = s.substring(start, i);
      if (literal.isEmpty()) {
        throw new IllegalArgumentException("malformed JSON: value expected at " + start);
      }
      return literal.equals("null") ? null : literal;
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw new IllegalArgumentException("malformed JSON: unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("malformed JSON: bad escape at " + i);
        }
      }
    }
  }
}
