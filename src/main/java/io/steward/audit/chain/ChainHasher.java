package io.steward.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * SHA-256 over an unambiguous encoding of a row: a version tag, then in fixed order seq (8 bytes), the
 * previous hash (32 bytes), the time in epoch microseconds (8 bytes), and every text column as a 4-byte
 * length (-1 for null) followed by its UTF-8 bytes. Not thread-safe: one per thread.
 */
public final class ChainHasher {

  public static final String GENESIS = "0".repeat(64);
  private static final byte[] VERSION = "steward-audit-event-v1".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest sha256;
  private final byte[] number = new byte[8];

  public ChainHasher() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String hash(ChainRow r) {
    return HEX.formatHex(digest(r, r.seq()));
  }

  /** The hash the row would have at another position: lets verification tell a moved row from a changed one. */
  public String hashAt(ChainRow r, long seq) {
    return HEX.formatHex(digest(r, seq));
  }

  private byte[] digest(ChainRow r, long seq) {
    byte[][] texts = {
        utf8(r.action()), utf8(r.actorId()), utf8(r.objectType()), utf8(r.recordIds()), utf8(r.fields()), utf8(r.reason()),
        utf8(r.outcome()), utf8(r.ip()), utf8(r.userAgent()), utf8(r.requestId()), utf8(r.details())};
    return digest(seq, hexOrGarbage(r.prevHash()), micros(r.at()), texts);
  }

  /**
   * The hash from the stored bytes, for verification at speed: {@code texts} are the UTF-8 bytes of the
   * eleven text columns in {@link io.steward.audit.store.AuditRows#COLUMNS} order (action .. details), null for SQL null.
   */
  public byte[] digest(long seq, byte[] prevHash, long atMicros, byte[][] texts) {
    sha256.reset();
    sha256.update(VERSION);
    putLong(seq);
    sha256.update(prevHash);
    putLong(atMicros);
    for (byte[] text : texts) {
      if (text == null) {
        putInt(-1);
      } else {
        putInt(text.length);
        sha256.update(text);
      }
    }
    return sha256.digest();
  }

  private static byte[] utf8(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  public static long micros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
  }

  /** A stored prev_hash that is not 64 hex digits still hashes (its text, length-prefixed), so it cannot match. */
  private byte[] hexOrGarbage(String hex) {
    if (hex != null && hex.length() == 64) {
      try {
        return HEX.parseHex(hex);
      } catch (IllegalArgumentException ignored) {
        // falls through
      }
    }
    byte[] text = hex == null ? new byte[0] : hex.getBytes(StandardCharsets.UTF_8);
    byte[] marked = new byte[text.length + 1];
    System.arraycopy(text, 0, marked, 1, text.length);
    marked[0] = (byte) 0xff;
    return marked;
  }

  private void putLong(long v) {
    for (int i = 7; i >= 0; i--) {
      number[i] = (byte) v;
      v >>>= 8;
    }
    sha256.update(number, 0, 8);
  }

  private void putInt(int v) {
    number[0] = (byte) (v >>> 24);
    number[1] = (byte) (v >>> 16);
    number[2] = (byte) (v >>> 8);
    number[3] = (byte) v;
    sha256.update(number, 0, 4);
  }
}
