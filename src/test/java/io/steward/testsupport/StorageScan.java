package io.steward.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Looks for plaintext markers in everything an attacker could copy: a full export of the database, the database's
 * files on disk and the data folder. A marker counts as found as written, in any letter case, hex-encoded (either
 * case) or base64-encoded (standard or URL alphabet, at any byte alignment).
 */
public final class StorageScan {

  private StorageScan() {}

  /** Every form of a marker that would count as a leak, with a label saying which form it is. */
  public static Map<String, String> forms(String marker) {
    byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("hex", HexFormat.of().formatHex(bytes));
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + bytes.length];
      System.arraycopy(bytes, 0, shifted, shift, bytes.length);
      String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      // Keep only the characters that depend on marker bytes alone.
      String core = b64.substring(shift == 0 ? 0 : shift + 1, b64.length() - 2);
      forms.put("base64@" + shift, core);
      forms.put("base64url@" + shift, core.replace('+', '-').replace('/', '_'));
    }
    return forms;
  }

  /** The leaks found in a text: "where: marker (form)". Case-insensitive for the plain and hex forms. */
  public static List<String> leaks(String where, String haystack, List<String> markers) {
    List<String> found = new ArrayList<>();
    String lower = haystack.toLowerCase(Locale.ROOT);
    for (String m : markers) {
      if (lower.contains(m.toLowerCase(Locale.ROOT))) {
        found.add(where + ": " + m + " (plain, any case)");
      }
      for (Map.Entry<String, String> f : forms(m).entrySet()) {
        boolean hit = f.getKey().equals("hex") ? lower.contains(f.getValue()) : haystack.contains(f.getValue());
        if (hit) {
          found.add(where + ": " + m + " (" + f.getKey() + ")");
        }
      }
    }
    return found;
  }

  /** Reads every regular file under a folder as bytes (ISO-8859-1, one char per byte) and reports leaks. */
  public static List<String> leaksInFiles(Path root, List<String> markers, java.util.function.Predicate<Path> include) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).filter(include).toList()) {
        try {
          found.addAll(leaks(p.toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1), markers));
        } catch (IOException e) {
          // A file removed while walking (temporary files of the database) cannot leak after it is gone.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** An H2 database's full export, as {@code SCRIPT TO} writes it. */
  public static String h2Script(DataSource ds, Path into) throws SQLException, IOException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("SCRIPT TO '" + into.toAbsolutePath().toString().replace("'", "''") + "'");
    }
    return Files.readString(into, StandardCharsets.UTF_8);
  }

  /** A PostgreSQL database's every table, each row as {@code COPY … TO STDOUT} writes it (bytea as hex). */
  public static String postgresDump(DataSource ds) throws SQLException, IOException {
    StringWriter out = new StringWriter();
    try (Connection c = ds.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (String t : tables) {
        out.write("-- " + t + "\n");
        copy.copyOut("COPY \"" + t + "\" TO STDOUT", out);
      }
    }
    return out.toString();
  }

  /** Flushes PostgreSQL's buffers to its files and returns the folders that hold this database's data and the shared WAL. */
  public static List<Path> postgresFiles(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
      Path dataDir;
      long oid;
      try (ResultSet rs = s.executeQuery("show data_directory")) {
        rs.next();
        dataDir = Path.of(rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("select oid from pg_database where datname = current_database()")) {
        rs.next();
        oid = rs.getLong(1);
      }
      List<Path> roots = new ArrayList<>();
      roots.add(dataDir.resolve("base").resolve(Long.toString(oid)));
      try (Stream<Path> top = Files.list(dataDir)) {
        top.filter(p -> !p.getFileName().toString().equals("base")).forEach(roots::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return roots;
    }
  }
}
