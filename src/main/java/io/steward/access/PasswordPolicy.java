package io.steward.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B passwords: at least 12 characters, no composition rules, no forced change, and not a
 * known common or breached password (a bundled offline list), nor the account's own email.
 */
@Component
public class PasswordPolicy {

  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 256;
  private final Set<String> refused;

  public PasswordPolicy() {
    this.refused = load("/access/refused-passwords.txt");
  }

  public void check(String password, String email) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw new AccessRequestException("password", "Use at least " + MIN_LENGTH + " characters; a few unrelated words work well.");
    }
    if (password.length() > MAX_LENGTH) {
      throw new AccessRequestException("password", "Use at most " + MAX_LENGTH + " characters.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (refused.contains(lower) || (email != null && lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0]) && email.split("@")[0].length() >= 4)) {
      throw new AccessRequestException("password", "This password is too common or appears in known breaches, or contains your email name. Choose another.");
    }
  }

  public int refusedCount() {
    return refused.size();
  }

  private static Set<String> load(String resource) {
    Set<String> set = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
      if (in == null) {
        return set;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          set.add(line.strip().toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the refused-password list", e);
    }
    return set;
  }
}
