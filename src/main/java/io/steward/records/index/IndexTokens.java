package io.steward.records.index;

import io.steward.crypto.BlindIndex;
import io.steward.records.store.RecordStore.IndexEntry;
import io.steward.records.values.Normaliser;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SearchMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a record puts in the search index. Protected fields get blind-index tokens (truncated HMACs), plain
 * fields their normalised value. Prefix fields also index their first 3..12 characters for type-ahead.
 */
@Component
public class IndexTokens {

  public static final int MIN_PREFIX = 3;
  public static final int MAX_PREFIX = 12;
  private static final int MAX_PLAIN = 200;

  private final BlindIndex blind;

  public IndexTokens(BlindIndex blind) {
    this.blind = blind;
  }

  public List<IndexEntry> entries(ObjectDef o, Map<String, Object> values) {
    List<IndexEntry> out = new ArrayList<>();
    for (FieldDef f : o.searchableFields()) {
      String n = Normaliser.normalise(f, values.get(f.apiName()));
      if (n == null || n.isEmpty()) {
        continue;
      }
      out.add(new IndexEntry(f.apiName(), storedToken(f, exactKey(f), n)));
      if (f.searchMode() == SearchMode.PREFIX) {
        for (int len = MIN_PREFIX; len <= Math.min(n.length(), MAX_PREFIX); len++) {
          out.add(new IndexEntry(prefixField(f), storedToken(f, prefixKey(f), n.substring(0, len))));
        }
      }
    }
    return out;
  }

  /** Tokens to look up an exact value (several while a blind-index rotation runs). */
  public List<String> exact(FieldDef f, String normalised) {
    return lookup(f, exactKey(f), normalised);
  }

  /** Tokens to look up a prefix of at least {@link #MIN_PREFIX} characters. */
  public List<String> prefix(FieldDef f, String normalisedPrefix) {
    String p = normalisedPrefix.length() > MAX_PREFIX ? normalisedPrefix.substring(0, MAX_PREFIX) : normalisedPrefix;
    return lookup(f, prefixKey(f), p);
  }

  public static String prefixField(FieldDef f) {
    return f.apiName() + "^";
  }

  /** True if every protected token of a record was made with the current blind-index key. */
  public boolean current(List<IndexEntry> entries) {
    return entries.stream().filter(e -> e.token().indexOf(':') > 0 && !e.token().startsWith("=")).allMatch(e -> blind.isCurrent(e.token()));
  }

  private String storedToken(FieldDef f, String key, String n) {
    return f.isProtected() ? blind.token(key, n) : "=" + (n.length() > MAX_PLAIN ? n.substring(0, MAX_PLAIN) : n);
  }

  private List<String> lookup(FieldDef f, String key, String n) {
    return f.isProtected() ? blind.lookupTokens(key, n) : List.of("=" + (n.length() > MAX_PLAIN ? n.substring(0, MAX_PLAIN) : n));
  }

  private static String exactKey(FieldDef f) {
    return f.qualifiedName();
  }

  private static String prefixKey(FieldDef f) {
    return f.qualifiedName() + "^";
  }
}
