package io.steward.audit.chain;

import io.steward.crypto.KeyRing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed statement "the chain had this hash at this seq at this time". The signature (Ed25519, through
 * the key ring) covers a version tag, seq, the 32 hash bytes and the time in epoch microseconds.
 */
public record Checkpoint(long seq, String hash, Instant at, String signature) {

  private static final byte[] VERSION = "steward-audit-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);

  public static Checkpoint sign(long seq, String hash, Instant at, KeyRing keys) {
    Instant micros = at.truncatedTo(ChronoUnit.MICROS);
    try {
      byte[] signature = keys.auditSigner().sign(signedBytes(seq, hash, micros));
      return new Checkpoint(seq, hash, micros, Base64.getEncoder().encodeToString(signature));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign an audit checkpoint", e);
    }
  }

  public boolean signatureValid(KeyRing keys) {
    try {
      keys.auditVerifier().verify(Base64.getDecoder().decode(signature), signedBytes(seq, hash, at));
      return true;
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  private static byte[] signedBytes(long seq, String hash, Instant at) {
    byte[] hashBytes = HexFormat.of().parseHex(hash);
    return ByteBuffer.allocate(VERSION.length + 8 + hashBytes.length + 8)
        .put(VERSION)
        .putLong(seq)
        .put(hashBytes)
        .putLong(ChainHasher.micros(at))
        .array();
  }

  public String toJsonLine() {
    StringBuilder out = new StringBuilder(200).append("{\"seq\":").append(seq).append(",\"hash\":");
    Json.quote(hash, out);
    out.append(",\"at\":");
    Json.quote(at.toString(), out);
    out.append(",\"signature\":");
    Json.quote(signature, out);
    return out.append('}').toString();
  }

  public static Checkpoint fromJsonLine(String line) {
    var values = Json.parseFlatObject(line);
    return new Checkpoint(Long.parseLong(values.get("seq")), values.get("hash"), Instant.parse(values.get("at")), values.get("signature"));
  }
}
