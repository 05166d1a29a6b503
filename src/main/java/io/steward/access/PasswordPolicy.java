package io.steward.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B passwords: at least 12 characters, no composition rules, no forced change, and not a
 * known common or breached password (a bundled offline list of 437,651 entries, refused at any length,
 * case-insensitively), nor the account's own email name.
 *
 * <p>The list is held as a sorted array of 64-bit fingerprints (3.5 MB rather than ~40 MB of strings); a
 * chance collision would refuse one extra password in 2^45, which only costs the user another choice.
 */
@Component
public class PasswordPolicy {

  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 256;
  private final long[] refused;

  public PasswordPolicy() {
    this.refused = load("/access/common-passwords.txt.gz", "/access/refused-passwords.txt");
  }

  public void check(String password, String email) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw new AccessRequestException("password", "Use at least " + MIN_LENGTH + " characters; a few unrelated words work well.");
    }
    if (password.length() > MAX_LENGTH) {
      throw new AccessRequestException("password", "Use at most " + MAX_LENGTH + " characters.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    String name = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@")[0];
    if (isRefused(password) || (name.length() >= 4 && lower.contains(name))) {
      throw new AccessRequestException("password", "This password is too common or appears in known breaches, or contains your email name. Choose another.");
    }
  }

  /** Whether the password is on the bundled list of common and breached passwords, whatever its length. */
  public boolean isRefused(String password) {
    return password != null && Arrays.binarySearch(refused, fingerprint(password.strip().toLowerCase(Locale.ROOT))) >= 0;
  }

  public int refusedCount() {
    return refused.length;
  }

  private static long[] load(String gzipped, String plain) {
    long[] all = new long[450_000];
    int n = 0;
    for (String resource : new String[] {gzipped, plain}) {
      try (InputStream raw = PasswordPolicy.class.getResourceAsStream(resource)) {
        if (raw == null) {
          throw new IllegalStateException("The refused-password list " + resource + " is missing from the build");
        }
        InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 65536) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 65536);
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank() && !line.startsWith("#")) {
            if (n == all.length) {
              all = Arrays.copyOf(all, n * 2);
            }
            all[n++] = fingerprint(line.strip().toLowerCase(Locale.ROOT));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read the refused-password list " + resource, e);
      }
    }
    long[] sorted = Arrays.copyOf(all, n);
    Arrays.sort(sorted);
    return Arrays.stream(sorted).distinct().toArray();
  }

  private static long fingerprint(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
