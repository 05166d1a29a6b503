package io.steward.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A secret given directly or, better, in a file (a mounted secret): the value wins, the file is read once. */
final class Secrets {

  private Secrets() {}

  /**
   * The value if set, else the file's content without surrounding white space, else null. A file that cannot be
   * read stops the caller with a message naming the variable and the path, never the content.
   */
  static String valueOrFile(String value, String file, String fileVariable) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    if (file == null || file.isBlank()) {
      return null;
    }
    try {
      String read = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      return read.isEmpty() ? null : read;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + fileVariable + " at " + file);
    }
  }
}
