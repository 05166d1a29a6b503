package io.steward.records.store;

import io.steward.crypto.RecordCipher;
import io.steward.crypto.Tier;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.FieldDef;
import io.steward.schema.FieldType;
import io.steward.schema.ObjectDef;
import io.steward.shared.RecordId;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a record's values by classification: public and internal into plain JSON, personal and sensitive into
 * one sealed JSON document per tier. The only place where record plaintext meets ciphertext.
 */
@Component
public class RecordCodec {

  private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final RecordCipher cipher;

  public RecordCodec(RecordCipher cipher) {
    this.cipher = cipher;
  }

  /** The stored parts of a record's values. */
  public record Encoded(String plain, byte[] personal, byte[] sensitive) {}

  public Encoded encode(ObjectDef o, RecordId id, Map<String, Object> values) {
    Split split = split(o, values);
    Map<Tier, byte[]> sealed = cipher.seal(o.apiName(), id, split.tiers());
    return new Encoded(split.plain(), sealed.get(Tier.PERSONAL), sealed.get(Tier.SENSITIVE));
  }

  /** Encodes many new records of one type, their data keys written in one batch. */
  public Map<RecordId, Encoded> encodeNew(ObjectDef o, Map<RecordId, Map<String, Object>> values) {
    Map<RecordId, Split> splits = new LinkedHashMap<>();
    Map<RecordId, Map<Tier, byte[]>> plaintexts = new LinkedHashMap<>();
    values.forEach((id, v) -> {
      Split split = split(o, v);
      splits.put(id, split);
      plaintexts.put(id, split.tiers());
    });
    Map<RecordId, Map<Tier, byte[]>> sealed = cipher.sealNew(o.apiName(), plaintexts);
    Map<RecordId, Encoded> out = new LinkedHashMap<>();
    splits.forEach((id, split) -> {
      Map<Tier, byte[]> tiers = sealed.get(id);
      out.put(id, new Encoded(split.plain(), tiers.get(Tier.PERSONAL), tiers.get(Tier.SENSITIVE)));
    });
    return out;
  }

  /** A record's plain JSON and the plaintext of each protected tier, before sealing. */
  private record Split(String plain, Map<Tier, byte[]> tiers) {}

  private static Split split(ObjectDef o, Map<String, Object> values) {
    Map<String, Object> plain = new LinkedHashMap<>();
    Map<Tier, Map<String, Object>> tiers = new EnumMap<>(Tier.class);
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      FieldDef f = o.field(e.getKey()).orElseThrow(() -> new IllegalArgumentException("Unknown field " + e.getKey()));
      Tier.of(f.classification()).ifPresentOrElse(
          tier -> tiers.computeIfAbsent(tier, t -> new LinkedHashMap<>()).put(f.apiName(), e.getValue()),
          () -> plain.put(f.apiName(), e.getValue()));
    }
    Map<Tier, byte[]> plaintexts = new EnumMap<>(Tier.class);
    tiers.forEach((tier, map) -> plaintexts.put(tier, JSON.writeValueAsBytes(map)));
    return new Split(JSON.writeValueAsString(plain), plaintexts);
  }

  /** A record was deleted (on any node): this node forgets its wrapped data keys. */
  public void forgetKeys(UUID recordId) {
    cipher.forget(new RecordId(recordId));
  }

  public Map<String, Object> decode(ObjectDef o, StoredRecord r) {
    RecordId id = new RecordId(r.id());
    return merge(o, r, cipher.open(o.apiName(), id, sealedOf(r)));
  }

  /** Decodes many records of one type with one key-store read. */
  public Map<UUID, Map<String, Object>> decodeAll(ObjectDef o, List<StoredRecord> records) {
    Map<RecordId, Map<Tier, byte[]>> sealed = new HashMap<>();
    for (StoredRecord r : records) {
      sealed.put(new RecordId(r.id()), sealedOf(r));
    }
    Map<RecordId, Map<Tier, byte[]>> opened = cipher.openAll(o.apiName(), sealed);
    Map<UUID, Map<String, Object>> out = new HashMap<>();
    for (StoredRecord r : records) {
      out.put(r.id(), merge(o, r, opened.get(new RecordId(r.id()))));
    }
    return out;
  }

  /** Only the plain (public and internal) values, without opening anything. */
  public Map<String, Object> decodePlain(StoredRecord r) {
    return new HashMap<>(JSON.readValue(r.plain(), MAP));
  }

  private static Map<Tier, byte[]> sealedOf(StoredRecord r) {
    Map<Tier, byte[]> sealed = new EnumMap<>(Tier.class);
    if (r.personal() != null) {
      sealed.put(Tier.PERSONAL, r.personal());
    }
    if (r.sensitive() != null) {
      sealed.put(Tier.SENSITIVE, r.sensitive());
    }
    return sealed;
  }

  private static Map<String, Object> merge(ObjectDef o, StoredRecord r, Map<Tier, byte[]> opened) {
    Map<String, Object> values = new HashMap<>(JSON.readValue(r.plain(), MAP));
    opened.values().forEach(bytes -> values.putAll(JSON.readValue(bytes, MAP)));
    for (FieldDef f : o.fields()) {
      Object v = values.get(f.apiName());
      if (v instanceof Number n && !(v instanceof BigDecimal) && (f.type() == FieldType.NUMBER || f.type() == FieldType.CURRENCY)) {
        values.put(f.apiName(), new BigDecimal(n.toString()));
      }
    }
    return values;
  }
}
