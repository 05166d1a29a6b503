package io.steward.records;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.FieldLevel;
import io.steward.access.Principal;
import io.steward.access.RoleHolders;
import io.steward.access.RolePolicy;
import io.steward.access.Roles;
import io.steward.records.internal.FillCounts;
import io.steward.records.internal.ViewMasker;
import io.steward.records.store.ExposureStore;
import io.steward.records.store.FillCountStore;
import io.steward.records.store.FillCountStore.Count;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaAccessDeniedException;
import io.steward.schema.SchemaRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What personal data this Steward holds and who can see it: per field, its classification, how many records hold
 * a value (from the fill counts kept by the write path, never by reading records), which roles and how many people
 * can read it, its purposes and retention, with flags for what deserves a look. Per object, one exposure figure:
 * sensitive values held times the people able to read them, kept daily for its trend.
 */
@Service
public class DataInventory {

  public static final String NO_PURPOSE = "holds-data-without-purpose";
  public static final String WIDELY_VISIBLE = "sensitive-widely-visible";
  public static final String UNUSED = "nobody-fills";
  public static final String RETIRED_WITH_DATA = "retired-with-data";

  public record Inventory(Instant at, int sensitiveReadersThreshold, List<ObjectEntry> objects) {}

  public record ObjectEntry(String apiName, String label, String pluralLabel, long records, long sensitiveValues, long exposure,
      List<FieldEntry> fields, List<TrendPoint> trend) {}

  /** One field; {@code unjustified} counts values on records none of whose purposes the field serves. */
  public record FieldEntry(String field, String label, String type, String classification, boolean retired, long filled, long unjustified,
      List<String> purposes, Integer retentionDays, List<RoleAccess> roles, int readers, List<String> flags) {}

  /** A role's level on a field and how many people hold the role. */
  public record RoleAccess(String role, String level, int users) {}

  public record TrendPoint(LocalDate day, long exposure) {}

  private final SchemaRegistry schema;
  private final FillCounts counts;
  private final Roles roles;
  private final RoleHolders holders;
  private final AccessPolicy policy;
  private final ExposureStore exposures;
  private final InventoryProperties properties;
  private final TransactionTemplate tx;
  private final Clock clock;

  DataInventory(SchemaRegistry schema, FillCounts counts, Roles roles, RoleHolders holders, AccessPolicy policy, ExposureStore exposures,
      InventoryProperties properties, TransactionTemplate tx, Clock clock) {
    this.schema = schema;
    this.counts = counts;
    this.roles = roles;
    this.holders = holders;
    this.policy = policy;
    this.exposures = exposures;
    this.properties = properties;
    this.tx = tx;
    this.clock = clock;
  }

  /** The inventory, for administrators of the schema; records today's exposure if not yet recorded. */
  public Inventory inventory(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SCHEMA)) {
      throw new SchemaAccessDeniedException();
    }
    Inventory now = compute(List.of());
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!exposures.exists(today)) {
      save(today, now);
    }
    List<ExposureStore.Snapshot> history = exposures.since(today.minusDays(properties.trendDays()));
    List<ObjectEntry> objects = new ArrayList<>();
    for (ObjectEntry o : now.objects()) {
      List<TrendPoint> trend = history.stream().filter(s -> s.objectType().equals(o.apiName())).map(s -> new TrendPoint(s.day(), s.exposure())).toList();
      objects.add(new ObjectEntry(o.apiName(), o.label(), o.pluralLabel(), o.records(), o.sensitiveValues(), o.exposure(), o.fields(), trend));
    }
    return new Inventory(now.at(), now.sensitiveReadersThreshold(), objects);
  }

  /** Records every object's exposure for the day, shortly after midnight UTC. */
  @Scheduled(cron = "${steward.inventory.snapshot-cron:0 5 0 * * *}", zone = "UTC")
  public void snapshot() {
    save(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), compute(List.of()));
  }

  private void save(LocalDate day, Inventory inv) {
    List<ExposureStore.Snapshot> rows = new ArrayList<>();
    for (ObjectEntry o : inv.objects()) {
      int readers = o.fields().stream().filter(f -> f.classification().equals("sensitive")).mapToInt(FieldEntry::readers).max().orElse(0);
      rows.add(new ExposureStore.Snapshot(day, o.apiName(), o.sensitiveValues(), readers, o.exposure()));
    }
    tx.executeWithoutResult(s -> exposures.save(day, rows));
  }

  private Inventory compute(List<TrendPoint> none) {
    Map<String, Map<String, Map<String, Long>>> filled = new HashMap<>();
    for (Count c : counts.counts()) {
      filled.computeIfAbsent(c.objectType(), k -> new HashMap<>()).computeIfAbsent(c.field(), k -> new HashMap<>())
          .merge(c.purposes(), c.filled(), Long::sum);
    }
    Map<String, Set<UUID>> byRole = holders.byRole();
    List<RolePolicy> allRoles = roles.all();
    List<ObjectEntry> objects = new ArrayList<>();
    for (ObjectDef o : schema.objects()) {
      Map<String, Map<String, Long>> ofType = filled.getOrDefault(o.apiName(), Map.of());
      long records = ofType.getOrDefault(FillCountStore.RECORDS, Map.of()).values().stream().mapToLong(Long::longValue).sum();
      long sensitiveValues = 0;
      long exposure = 0;
      List<FieldEntry> fields = new ArrayList<>();
      for (FieldDef f : o.fields()) {
        Map<String, Long> byPurposes = ofType.getOrDefault(f.apiName(), Map.of());
        long n = 0;
        long unjustified = 0;
        for (Map.Entry<String, Long> e : byPurposes.entrySet()) {
          n += e.getValue();
          if (java.util.Collections.disjoint(f.purposes(), ViewMasker.purposeNames(e.getKey()))) {
            unjustified += e.getValue();
          }
        }
        List<RoleAccess> access = new ArrayList<>();
        Set<UUID> readers = new HashSet<>();
        for (RolePolicy r : allRoles) {
          FieldLevel level = r.actionsOn(o.apiName()).contains(io.steward.access.ObjectAction.READ) ? r.fieldLevel(o.apiName(), f.apiName(), f.classification()) : FieldLevel.HIDDEN;
          if (level != FieldLevel.HIDDEN) {
            Set<UUID> users = byRole.getOrDefault(r.name(), Set.of());
            access.add(new RoleAccess(r.name(), level.name().toLowerCase(java.util.Locale.ROOT), users.size()));
            if (level.atLeast(FieldLevel.READ)) {
              readers.addAll(users);
            }
          }
        }
        List<String> flags = new ArrayList<>();
        if (n > 0 && (unjustified > 0 || f.purposes().isEmpty())) {
          flags.add(NO_PURPOSE);
        }
        if (f.isSensitive() && readers.size() >= properties.sensitiveReadersThreshold()) {
          flags.add(WIDELY_VISIBLE);
        }
        if (!f.retired() && n == 0 && records >= properties.unusedAfterRecords()) {
          flags.add(UNUSED);
        }
        if (f.retired() && n > 0) {
          flags.add(RETIRED_WITH_DATA);
        }
        if (f.isSensitive()) {
          sensitiveValues += n;
          exposure += n * readers.size();
        }
        fields.add(new FieldEntry(f.apiName(), f.label(), f.type().apiName(), f.classification().apiName(), f.retired(), n, unjustified,
            f.purposes().stream().sorted().toList(), f.retentionDays(), access, readers.size(), flags));
      }
      objects.add(new ObjectEntry(o.apiName(), o.label(), o.pluralLabel(), records, sensitiveValues, exposure, fields, none));
    }
    return new Inventory(clock.instant(), properties.sensitiveReadersThreshold(), objects);
  }
}
