package io.steward.bench;

import io.steward.StewardApplication;
import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.FieldLevel;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.access.RecordScope;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.shared.Classification;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A serving Steward for {@link ReadCostBenchmark}: started the way {@code StewardApplication.main} serves, with at most
 * one bench-only replacement bean. Only the benchmark launches it ({@code ReadCostServer <variant> [--property=value…]}):
 * <ul>
 *   <li>{@code shipped}: nothing replaced;</li>
 *   <li>{@code permit-all}: a primary {@link AccessPolicy} that permits every object, field and record;</li>
 *   <li>{@code audit-off}: a primary {@link AuditTrail} that drops every event.</li>
 * </ul>
 * These classes live in the test sources and carry no stereotype annotation, so neither the shipped jar nor a test's
 * component scan can pick them up: only the initializer below, in this launcher, registers them.
 */
public final class ReadCostServer {

  /** How the line naming the beans in use starts. */
  static final String BEANS = "read-cost beans in use: ";

  private ReadCostServer() {}

  public static void main(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      System.err.println("Usage: ReadCostServer shipped|permit-all|audit-off [--property=value ...]");
      System.exit(2);
    }
    SpringApplication app = new SpringApplication(StewardApplication.class);
    switch (args[0]) {
      case "shipped" -> { }
      case "permit-all" -> app.addInitializers(context -> primary(context, AccessPolicy.class, PermitAllPolicy::new));
      case "audit-off" -> app.addInitializers(context -> primary(context, AuditTrail.class, DroppingAuditTrail::new));
      default -> {
        System.err.println("Unknown variant '" + args[0] + "': shipped, permit-all or audit-off.");
        System.exit(2);
      }
    }
    System.err.println("Read-cost benchmark server, variant " + args[0]);
    ConfigurableApplicationContext context = app.run(Arrays.copyOfRange(args, 1, args.length));
    // What injection by type resolves to, i.e. what the record service got; the benchmark checks this line.
    AccessPolicy policy = context.getBean(AccessPolicy.class);
    AuditTrail trail = context.getBean(AuditTrail.class);
    System.err.println(beansLine(policy instanceof PermitAllPolicy, trail instanceof DroppingAuditTrail));
  }

  /** The line a server prints once started, naming the beans in use. */
  static String beansLine(boolean permitAll, boolean auditOff) {
    return BEANS + "policy=" + (permitAll ? "permit-all" : "shipped") + ", audit=" + (auditOff ? "off" : "on");
  }

  /** The line a server of this variant must print. */
  static String expectedBeansLine(String variant) {
    return beansLine(variant.equals("permit-all"), variant.equals("audit-off"));
  }

  private static <T> void primary(ConfigurableApplicationContext context, Class<T> type, Supplier<T> bean) {
    ((GenericApplicationContext) context).registerBean("readCostBench" + type.getSimpleName(), type, bean, d -> d.setPrimary(true));
  }

  /** Bench only: every object action, every field (at the highest level), every record, every admin permission. */
  static final class PermitAllPolicy extends AccessPolicy {

    @Override
    public boolean mayObject(Principal p, String objectType, ObjectAction action) {
      return true;
    }

    @Override
    public FieldLevel fieldLevel(Principal p, String objectType, String field, Classification classification) {
      return FieldLevel.EDIT;
    }

    @Override
    public boolean inScope(Principal p, UUID ownerId, String team) {
      return true;
    }

    @Override
    public BiPredicate<UUID, String> scopeFilter(Principal p) {
      return (ownerId, team) -> true;
    }

    @Override
    public RecordScope scope(Principal p) {
      return RecordScope.ALL;
    }

    @Override
    public boolean mayAdmin(Principal p, AdminPermission permission) {
      return true;
    }

    @Override
    public boolean mayExportSensitive(Principal p) {
      return true;
    }
  }

  /** Bench only: auditing off. Every event is dropped; nothing reaches the trail. */
  static final class DroppingAuditTrail implements AuditTrail {

    @Override
    public void record(AuditEvent event) {
      // dropped
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
      // dropped
    }
  }
}
