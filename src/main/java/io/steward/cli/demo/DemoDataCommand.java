package io.steward.cli.demo;

import io.steward.access.Principal;
import io.steward.cli.CliCommand;
import io.steward.cli.Command;
import io.steward.cli.Options;
import io.steward.records.RecordService;
import io.steward.schema.BuiltInSchema;
import io.steward.shared.RecordId;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fills Steward with obviously synthetic companies, contacts, deals and activities, deterministic from a seed.
 * Every record goes through {@link RecordService#createAll} as Steward itself, so it is validated, guarded, sealed,
 * indexed and audited like any other write; a bounded pool of threads makes them in batches (one transaction and
 * one audit event per batch).
 */
@Command(name = "demo-data", usage = "--contacts N [--seed S] [--threads T] [--batch B]",
    summary = "Create N synthetic contacts with companies (N/10), deals (N/5) and activities (N/2) through the record service.")
public class DemoDataCommand implements CliCommand {

  public static final long DEFAULT_SEED = 20261129L;
  static final int DEFAULT_BATCH = 200;
  static final int MAX_CONTACTS = 1_000_000;

  private final RecordService records;

  DemoDataCommand(RecordService records) {
    this.records = records;
  }

  @Override
  public int run(List<String> args, PrintStream out) throws Exception {
    Options o = Options.parse(args, Set.of("contacts", "seed", "threads", "batch"), Set.of());
    int contacts = (int) o.number("contacts", -1, 1, MAX_CONTACTS);
    if (contacts < 0) {
      throw new io.steward.cli.UsageException("--contacts is required.");
    }
    long seed = o.number("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
    int threads = (int) o.number("threads", defaultThreads(), 1, 64);
    int batch = (int) o.number("batch", DEFAULT_BATCH, 1, 1000);
    DemoValues values = new DemoValues(seed);
    DemoValues.Counts counts = DemoValues.Counts.forContacts(contacts);
    ProgressLine progress = new ProgressLine(System.err, counts.total());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "demo-progress"));
    ticker.scheduleAtFixedRate(progress::draw, 250, 250, TimeUnit.MILLISECONDS);
    try (ParallelCreator creator = new ParallelCreator(records, Principal.system(), threads, batch, progress)) {
      progress.phase("companies");
      RecordId[] companyIds = creator.createAll(BuiltInSchema.COMPANY, counts.companies(), values::company);
      progress.phase("contacts");
      RecordId[] contactIds = creator.createAll(BuiltInSchema.CONTACT, counts.contacts(), i -> {
        Map<String, Object> m = values.contact(i);
        m.put("company", companyIds[values.companyOfContact(i, companyIds.length)].toString());
        return m;
      });
      progress.phase("deals");
      RecordId[] dealIds = creator.createAll(BuiltInSchema.DEAL, counts.deals(), i -> {
        int c = values.contactOfDeal(i, contactIds.length);
        Map<String, Object> m = values.deal(i);
        m.put("contact", contactIds[c].toString());
        m.put("company", companyIds[values.companyOfContact(c, companyIds.length)].toString());
        return m;
      });
      progress.phase("activities");
      creator.createAll(BuiltInSchema.ACTIVITY, counts.activities(), i -> {
        int c = values.contactOfActivity(i, contactIds.length);
        int d = values.dealOfActivity(i, dealIds.length);
        Map<String, Object> m = values.activity(i);
        m.put("contact", contactIds[c].toString());
        if (d >= 0) {
          m.put("deal", dealIds[d].toString());
        }
        return m;
      });
    } finally {
      ticker.shutdownNow();
      ticker.awaitTermination(1, TimeUnit.SECONDS);
      progress.phase("done");
      progress.finish();
    }
    out.printf("Created %,d companies, %,d contacts, %,d deals and %,d activities (seed %d) in %.1f s: %,.0f records/s with %d threads.%n",
        counts.companies(), counts.contacts(), counts.deals(), counts.activities(), seed, progress.elapsed().toMillis() / 1000.0,
        progress.perSecond(), threads);
    return OK;
  }

  static int defaultThreads() {
    return Math.min(8, Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
  }

  static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
