package io.steward.crypto;

import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.subtle.PrfHmacJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Searchable tokens for encrypted values: HMAC-SHA256 of the normalised value under a key derived per field
 * from the blind-index keyset, truncated to a few bits so that every token is shared by many values
 * (see docs/security.md for the sizing and what a database holder learns). Tokens carry the id of the key
 * that made them, so a rotation can rebuild the index while look-ups still find old tokens.
 */
public class BlindIndex {

  /** Bits kept of each token: with 1M records, 2^20/2^16 = 16 expected coincidences per token (2 ≤ C < √N). */
  public static final int DEFAULT_BITS = 16;

  private final KeyRing keys;
  private final Map<String, Prf> fieldPrfs = new ConcurrentHashMap<>();

  public BlindIndex(KeyRing keys) {
    this.keys = keys;
  }

  /** The token to store for a value, made with the primary blind-index key. */
  public String token(String field, String normalised) {
    return token(keys.leasePrimaryBlindIndexKeyId(), field, normalised, DEFAULT_BITS);
  }

  /** Every token a stored value may carry (one per live blind-index key): use all of them in look-ups. */
  public List<String> lookupTokens(String field, String normalised) {
    List<String> tokens = new ArrayList<>(2);
    for (int keyId : keys.blindIndexKeyIds()) {
      tokens.add(token(keyId, field, normalised, DEFAULT_BITS));
    }
    return tokens;
  }

  /** True if a stored token was made with the current primary key (rebuilds skip those). */
  public boolean isCurrent(String token) {
    return token.startsWith(currentTokenPrefix());
  }

  /** How every token made with the primary key begins ("key id in hex" + ':'); index rebuilds look for others. */
  public String currentTokenPrefix() {
    return Integer.toHexString(keys.primaryBlindIndexKeyId()) + ":";
  }

  String token(int keyId, String field, String normalised, int bits) {
    try {
      byte[] mac = fieldPrf(keyId, field).compute(normalised.getBytes(StandardCharsets.UTF_8), 4);
      int value = ((mac[0] & 0xff) << 24 | (mac[1] & 0xff) << 16 | (mac[2] & 0xff) << 8 | (mac[3] & 0xff)) >>> (32 - bits);
      return Integer.toHexString(keyId) + ":" + Integer.toHexString(value);
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("The blind-index key cannot be used", e);
    }
  }

  private Prf fieldPrf(int keyId, String field) {
    return fieldPrfs.computeIfAbsent(keyId + "/" + field, k -> derive(keyId, field));
  }

  /** The per-field key is the blind-index PRF applied to the field's name: one keyset, independent keys per field. */
  private Prf derive(int keyId, String field) {
    try {
      Prf root = keys.blindIndex().getPrfs().get(keyId);
      if (root == null) {
        throw new KeyMaterialException("Blind-index key " + keyId + " is not in the key ring");
      }
      byte[] fieldKey = root.compute(("steward/blind-index/v1|" + field).getBytes(StandardCharsets.UTF_8), 32);
      return new PrfHmacJce("HMACSHA256", new SecretKeySpec(fieldKey, "HMAC"));
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("The blind-index key cannot be used", e);
    }
  }
}
