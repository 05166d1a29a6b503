package io.steward.testsupport;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What a phone's authenticator app does with the key shown at enrolment (RFC 6238, written apart from Steward's). */
public final class AuthenticatorApp {

  private final byte[] key;

  public AuthenticatorApp(String base32Key) {
    this.key = decode(base32Key);
  }

  /** The key as the enrolment page shows it for typing in ({@code id="totp-secret"}), if the page shows one. */
  public static Optional<String> keyOnEnrolmentPage(String html) {
    Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(html);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public String codeAt(Instant t) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(t.getEpochSecond() / 30).array());
      int o = h[19] & 0xf;
      int n = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff)) % 1_000_000;
      return String.format("%06d", n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] decode(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : s.trim().toUpperCase().toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }
}
