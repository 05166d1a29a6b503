package io.steward.schema;

import io.steward.schema.store.SchemaStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live schema, cached in memory. Every node polls the schema version, so a change made on one node is in
 * force everywhere within seconds, without a restart.
 */
@Service
public class SchemaRegistry {

  private final SchemaStore store;
  private volatile Snapshot snapshot;

  public SchemaRegistry(SchemaStore store, TransactionTemplate tx) {
    this.store = store;
    tx.executeWithoutResult(s -> seedBuiltIns());
    reload();
  }

  public List<ObjectDef> objects() {
    return List.copyOf(snapshot.byName.values());
  }

  /** Finds an object type by API name ("contact") or collection name ("contacts"). */
  public Optional<ObjectDef> find(String name) {
    Snapshot s = snapshot;
    ObjectDef o = s.byName.get(name);
    return o != null ? Optional.of(o) : Optional.ofNullable(s.byCollection.get(name));
  }

  public ObjectDef require(String name) {
    return find(name).orElseThrow(() -> new UnknownObjectTypeException(name));
  }

  /** The purposes this business holds data for, built-in templates first. */
  public List<PurposeDef> purposes() {
    return List.copyOf(snapshot.purposes.values());
  }

  public Optional<PurposeDef> purpose(String name) {
    return Optional.ofNullable(snapshot.purposes.get(name));
  }

  public long version() {
    return snapshot.version;
  }

  @Scheduled(fixedDelayString = "${steward.schema.poll-ms:2000}")
  public void refreshIfChanged() {
    if (store.version() != snapshot.version) {
      reload();
    }
  }

  public synchronized void reload() {
    long version = store.version();
    Map<String, ObjectDef> byName = new LinkedHashMap<>();
    Map<String, ObjectDef> byCollection = new LinkedHashMap<>();
    List<String> builtInOrder = BuiltInSchema.objects().stream().map(ObjectDef::apiName).toList();
    List<ObjectDef> all = new java.util.ArrayList<>(store.loadAll());
    all.sort(java.util.Comparator.comparingInt((ObjectDef o) -> o.builtin() ? builtInOrder.indexOf(o.apiName()) : builtInOrder.size())
        .thenComparing(ObjectDef::label));
    for (ObjectDef o : all) {
      byName.put(o.apiName(), o);
      byCollection.put(o.collection(), o);
    }
    Map<String, PurposeDef> purposes = new LinkedHashMap<>();
    for (PurposeDef p : store.purposes()) {
      purposes.put(p.name(), p);
    }
    snapshot = new Snapshot(version, byName, byCollection, purposes);
  }

  private void seedBuiltIns() {
    boolean changed = false;
    for (ObjectDef o : BuiltInSchema.objects()) {
      if (!store.objectExists(o.apiName())) {
        store.insertObject(o);
        changed = true;
      }
      for (FieldDef f : o.fields()) {
        if (!store.fieldExists(o.apiName(), f.apiName())) {
          store.insertField(f);
          changed = true;
        }
      }
    }
    if (changed) {
      store.bumpVersion();
    }
  }

  private record Snapshot(long version, Map<String, ObjectDef> byName, Map<String, ObjectDef> byCollection,
      Map<String, PurposeDef> purposes) {}
}
