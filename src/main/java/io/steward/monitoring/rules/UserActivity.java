package io.steward.monitoring.rules;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.monitoring.Rule;
import io.steward.monitoring.RuleSetting;
import io.steward.monitoring.baseline.Baseline;
import io.steward.monitoring.baseline.Baseline.Window;
import io.steward.monitoring.baseline.Count;
import io.steward.monitoring.baseline.NetworkPrefix;
import io.steward.monitoring.baseline.RecentIds;
import io.steward.monitoring.baseline.SharedCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One user's live counters and learned baseline, and the per-user rules over them. Evaluated in the thread
 * that recorded the event, under this object's lock: each event costs a few array updates and comparisons.
 * The counters are sliding windows holding this node's counts and the other nodes' as they last shared them
 * ({@link SharedCounts}; no database call here). Rules look at the baseline before the event is learned; a
 * completed period is learned only once the next one has completed too, and periods that set off a read rule (on
 * any node: their total is above the limit) are not learned at all, so an attacker cannot raise the bar by reading.
 */
public final class UserActivity {

  private static final long MIN = 60_000L;
  private static final Duration REFIRE_AFTER = Duration.ofMinutes(10);
  private static final Duration NEW_NETWORK_WATCH = Duration.ofHours(1);

  private final UUID userId;
  private final UserFacts facts;
  private final Baseline baseline;
  private final RecentIds recent = new RecentIds();
  private final SharedCounts counts = new SharedCounts();
  private final PeriodLearner learn5m = new PeriodLearner(counts.get(Count.READS_5M), true);
  private final PeriodLearner learn1h = new PeriodLearner(counts.get(Count.READS_1H), true);
  private final PeriodLearner learn1d = new PeriodLearner(counts.get(Count.READS_1D), false);
  private final PeriodLearner learnSingles = new PeriodLearner(counts.get(Count.SINGLES_5M), true);
  private final PeriodLearner learnReveals = new PeriodLearner(counts.get(Count.REVEALS_1H), true);
  private final Map<Rule, Instant> fired = new EnumMap<>(Rule.class);
  private String exportRequest;
  private long exportCount;
  private long offHourSlot = -1;
  private boolean offHourUnusual;
  private String watchedNetwork;
  private Instant watchUntil;
  private long watchedReads;
  private Instant noLearningUntil = Instant.MIN;
  /** When this node last saw the user (wall clock), to let go of users long idle. */
  private volatile long touchedMillis = System.currentTimeMillis();

  public UserActivity(UUID userId, UserFacts facts, Baseline baseline) {
    this.userId = userId;
    this.facts = facts;
    this.baseline = baseline;
  }

  public Baseline baseline() {
    return baseline;
  }

  /** A live count as the rules see it now: this node's and the other nodes' (as they last shared them). */
  public synchronized long count(Count c, Instant at) {
    return counts.sum(c, at);
  }

  /** True if this node counted something for the user that it has not shared yet (no lock needed). */
  public boolean countsUnshared() {
    return counts.unshared();
  }

  /** Hands the counts not yet shared to {@code out}; they count as shared from now. */
  public synchronized void drainCounts(SharedCounts.CountSink out) {
    counts.drainUnshared(out);
  }

  /** Sharing them failed: they are shared again at the next chance. */
  public synchronized void unshareCount(Count c, long bucket) {
    counts.unshare(c, bucket);
  }

  /** The other nodes' total for one bucket of a counter. */
  public synchronized void otherNodes(Count c, long bucket, long total) {
    counts.get(c).setRemote(bucket, total);
  }

  /** Nothing for this user on this node since {@code wallMillis}, and nothing left to flush or share: it may go. */
  public synchronized boolean idleSince(long wallMillis) {
    return touchedMillis < wallMillis && !baseline.isDirty() && !counts.unshared();
  }

  /** Evaluates the rules on one committed event of this user's, then learns from it. */
  public synchronized List<Finding> onEvent(AuditEvent e, RuleContext rules) {
    touchedMillis = System.currentTimeMillis();
    List<Finding> out = new ArrayList<>();
    Instant at = e.at();
    String network = NetworkPrefix.of(e.ip());
    if (AuditActions.SIGN_IN.equals(e.action())) {
      // a browser sign-in is not seen by the request filter as this user's: the context rules run here
      contextRules(at, network, rules, out);
    }
    switch (e.action()) {
      case AuditActions.RECORD_READ, AuditActions.RECORD_LIST -> reads(e, at, network, rules, out);
      case AuditActions.RECORD_REVEAL -> reveal(at, rules, out);
      case AuditActions.EXPORT -> export(e, at, rules, out);
      default -> { }
    }
    baseline.observe(at, network, agentHash(e.userAgent()));
    return out;
  }

  /**
   * An authenticated request, before it runs (seen by the request filter): dormant accounts, vendors out of
   * hours or networks, API tokens from new networks. Learns the network and user agent.
   */
  public synchronized List<Finding> onRequest(Instant at, String ip, String userAgent, boolean apiToken, RuleContext rules) {
    touchedMillis = System.currentTimeMillis();
    List<Finding> out = new ArrayList<>();
    String network = NetworkPrefix.of(ip);
    boolean newNetwork = contextRules(at, network, rules, out);
    if (apiToken && newNetwork) {
      fire(Rule.TOKEN_NEW_NETWORK, at, 1, "API token used from " + network + ", a network this account never used before.", rules, out);
    }
    baseline.observeNetwork(at, network, agentHash(userAgent));
    return out;
  }

  /** A "not found" answer to a record id (seen by the request filter after the request). */
  public synchronized List<Finding> onNotFound(Instant at, RuleContext rules) {
    touchedMillis = System.currentTimeMillis();
    List<Finding> out = new ArrayList<>();
    counts.add(Count.NOT_FOUND_5M, at, 1);
    long n = counts.sum(Count.NOT_FOUND_5M, at);
    long limit = Math.max(1, rules.get(Rule.ENUMERATION).threshold() / 2);
    if (n > limit) {
      fire(Rule.ENUMERATION, at, n, n + " 'not found' answers to record ids within 5 minutes (limit " + limit + ").", rules, out);
    }
    return out;
  }

  /** Dormancy, vendors and new networks; true if the network is new (after the learning period). */
  private boolean contextRules(Instant at, String network, RuleContext rules, List<Finding> out) {
    boolean learned = baseline.activeDays() >= rules.learningDays();
    boolean newNetwork = learned && network != null && baseline.knowsAnyNetwork() && !baseline.knowsNetwork(network);
    if (newNetwork) {
      watchedNetwork = network;
      watchUntil = at.plus(NEW_NETWORK_WATCH);
      watchedReads = 0;
    }
    Instant last = baseline.lastSeen();
    long dormantDays = rules.get(Rule.DORMANT_WAKE).threshold();
    if (last != null && Duration.between(last, at).toDays() >= dormantDays) {
      fire(Rule.DORMANT_WAKE, at, 0, "Active again after " + Duration.between(last, at).toDays() + " days unused (limit " + dormantDays + ").", rules, out);
    } else if (last == null && facts.createdAt() != null && Duration.between(facts.createdAt(), at).toDays() >= dormantDays) {
      fire(Rule.DORMANT_WAKE, at, 0, "First activity of an account created " + Duration.between(facts.createdAt(), at).toDays() + " days ago.", rules, out);
    }
    boolean strangeNetwork = network != null && baseline.knowsAnyNetwork() && !baseline.knowsNetwork(network);
    boolean outsideHours = rules.vendorHours() != null && !rules.vendorHours().contains(at);
    if (facts.external() && (outsideHours || strangeNetwork)) {
      String why = strangeNetwork ? "from a new network " + network
          : "at " + at.atOffset(ZoneOffset.UTC).toLocalTime().withNano(0) + " UTC, outside vendor hours " + rules.vendorHours().from() + "-" + rules.vendorHours().to();
      fire(Rule.VENDOR_OUTSIDE, at, 0, "Vendor or contractor account active " + why + ".", rules, out);
    }
    return newNetwork;
  }

  private void reads(AuditEvent e, Instant at, String network, RuleContext rules, List<Finding> out) {
    long fresh = 0;
    for (String id : e.recordIds()) {
      if (recent.firstSight(id, at)) {
        fresh++;
      }
    }
    boolean single = AuditActions.RECORD_READ.equals(e.action());
    learn5m.roll(at, (c, period, end) -> learn(Window.READS_5M, c, end, at, Rule.MASS_READ, massLimit5(rules, at), rules));
    learn1h.roll(at, (c, period, end) -> learn(Window.READS_1H, c, end, at, Rule.MASS_READ, massLimit1h(rules, at), rules));
    learn1d.roll(at, (c, period, end) -> {
      if (learn(Window.READS_1D, c, end, at, Rule.DAILY_VOLUME, dailyLimit(rules), rules)) {
        baseline.offerDay(period, c);
      }
    });
    if (single) {
      learnSingles.roll(at, (c, period, end) -> learn(Window.SINGLES_5M, c, end, at, Rule.ENUMERATION, singlesLimit(rules, at), rules));
    }
    counts.add(Count.READS_5M, at, fresh);
    counts.add(Count.READS_1H, at, fresh);
    counts.add(Count.READS_1D, at, fresh);
    if (single) {
      counts.add(Count.SINGLES_5M, at, fresh);
    }
    if (fresh == 0) {
      return;
    }
    long n5 = counts.sum(Count.READS_5M, at);
    double limit5 = massLimit5(rules, at);
    long n1h = counts.sum(Count.READS_1H, at);
    double limit1h = massLimit1h(rules, at);
    if (n5 > limit5) {
      readAlarm(Rule.MASS_READ, at, n5, n5 + " records read in 5 minutes (limit " + (long) limit5 + ").", rules, out);
    } else if (n1h > limit1h) {
      readAlarm(Rule.MASS_READ, at, n1h, n1h + " records read in an hour (limit " + (long) limit1h + ").", rules, out);
    }
    long nDay = counts.sum(Count.READS_1D, at);
    double limitDay = dailyLimit(rules);
    if (nDay > limitDay) {
      readAlarm(Rule.DAILY_VOLUME, at, nDay, nDay + " records read in 24 hours (limit " + (long) limitDay + ").", rules, out);
    }
    long singles = counts.sum(Count.SINGLES_5M, at);
    double limitSingles = singlesLimit(rules, at);
    if (singles > limitSingles) {
      readAlarm(Rule.ENUMERATION, at, singles, singles + " different records opened one by one in 5 minutes (limit " + (long) limitSingles + ").", rules, out);
    }
    offHours(at, rules, out);
    if (watchedNetwork != null && watchedNetwork.equals(network) && at.isBefore(watchUntil)) {
      watchedReads += fresh;
      long limit = rules.get(Rule.NEW_NETWORK_READ).threshold();
      if (watchedReads > limit) {
        fire(Rule.NEW_NETWORK_READ, at, watchedReads,
            watchedReads + " records read within an hour of first use of network " + network + " (limit " + limit + ").", rules, out);
      }
    }
  }

  private void offHours(Instant at, RuleContext rules, List<Finding> out) {
    int hour = at.atOffset(ZoneOffset.UTC).getHour();
    long slot = at.toEpochMilli() / (60 * MIN);
    if (slot != offHourSlot) {
      // decided at the hour's first read: what this hour itself adds to the histogram must not make it usual
      offHourSlot = slot;
      offHourUnusual = baseline.activeDays() >= rules.learningDays() && baseline.events() >= 200 && baseline.shareAround(hour) < 0.01;
    }
    if (!offHourUnusual) {
      return;
    }
    // this clock hour's reads on every node (the hourly counter's period is the clock hour)
    long offHourReads = counts.get(Count.READS_1H).periodTotal(slot);
    long limit = rules.get(Rule.OFF_HOURS).threshold();
    if (offHourReads > limit) {
      fire(Rule.OFF_HOURS, at, offHourReads, offHourReads + " records read at " + hour + ":00 UTC, an hour in which this account is almost never active.",
          rules, out);
    }
  }

  private void reveal(Instant at, RuleContext rules, List<Finding> out) {
    learnReveals.roll(at, (c, period, end) -> learn(Window.REVEALS_1H, c, end, at, Rule.REVEAL_BURST, revealLimit(rules, at), rules));
    counts.add(Count.REVEALS_1H, at, 1);
    long n = counts.sum(Count.REVEALS_1H, at);
    double limit = revealLimit(rules, at);
    if (n > limit) {
      fire(Rule.REVEAL_BURST, at, n, n + " sensitive values revealed in an hour (limit " + (long) limit + ").", rules, out);
    }
  }

  /** An export is audited per page under one request id; its size is the sum of its pages. */
  private void export(AuditEvent e, Instant at, RuleContext rules, List<Finding> out) {
    String request = e.requestId() == null ? "" : e.requestId();
    if (!request.equals(exportRequest)) {
      if (exportRequest != null && at.isAfter(noLearningUntil)) {
        baseline.offerPeak(Window.EXPORT, exportCount, at);
      }
      exportRequest = request;
      exportCount = 0;
    }
    exportCount += e.recordIds().size();
    double limit = rules.get(Rule.LARGE_EXPORT).limit(baseline.peak(Window.EXPORT, at));
    if (exportCount > limit) {
      fire(Rule.LARGE_EXPORT, at, exportCount, exportCount + " records in one export (limit " + (long) limit + ").", rules, out);
    }
  }

  /**
   * Learns a completed period's count (all nodes') as a peak of the window, dated when the period ended; not when
   * learning is paused after a read rule fired here, nor when the count is above the limit of the rule, if it is on
   * (it fired, on this node or another). True if learned.
   */
  private boolean learn(Window w, long count, Instant periodEnd, Instant now, Rule rule, double limit, RuleContext rules) {
    if (!now.isAfter(noLearningUntil) || rules.on(rule) && count > limit) {
      return false;
    }
    baseline.offerPeak(w, count, periodEnd);
    return true;
  }

  private double massLimit5(RuleContext rules, Instant at) {
    return rules.get(Rule.MASS_READ).limit(baseline.peak(Window.READS_5M, at));
  }

  private double massLimit1h(RuleContext rules, Instant at) {
    RuleSetting mass = rules.get(Rule.MASS_READ);
    return Math.max(2 * mass.threshold(), mass.factor() * baseline.peak(Window.READS_1H, at));
  }

  private double dailyLimit(RuleContext rules) {
    return rules.get(Rule.DAILY_VOLUME).limit(baseline.typicalDay());
  }

  private double singlesLimit(RuleContext rules, Instant at) {
    return rules.get(Rule.ENUMERATION).limit(baseline.peak(Window.SINGLES_5M, at));
  }

  private double revealLimit(RuleContext rules, Instant at) {
    return rules.get(Rule.REVEAL_BURST).limit(baseline.peak(Window.REVEALS_1H, at));
  }

  private void readAlarm(Rule rule, Instant at, long n, String summary, RuleContext rules, List<Finding> out) {
    if (rules.on(rule)) {
      noLearningUntil = at.plus(Duration.ofDays(1));
    }
    fire(rule, at, n, summary, rules, out);
  }

  private void fire(Rule rule, Instant at, long records, String summary, RuleContext rules, List<Finding> out) {
    if (!rules.on(rule)) {
      return;
    }
    Instant last = fired.get(rule);
    if (last != null && at.isBefore(last.plus(REFIRE_AFTER)) && !at.isBefore(last)) {
      return;
    }
    fired.put(rule, at);
    out.add(new Finding(rule, userId, null, at, records, summary));
  }

  /** After an administrator resolved an incident: the rule may fire again at once. */
  public synchronized void forget(Rule rule) {
    fired.remove(rule);
  }

  static String agentHash(String userAgent) {
    return userAgent == null ? null : Integer.toHexString(userAgent.hashCode());
  }
}
