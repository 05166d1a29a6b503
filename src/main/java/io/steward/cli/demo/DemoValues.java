package io.steward.cli.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Obviously synthetic CRM values, a pure function of (seed, kind, index): the same seed gives the same names on
 * every machine and thread count. Names are composed from fixed syllables, addresses are at example.com/.org/.net,
 * phones are +1 555 01xx (reserved for fiction), and no value holds a run of nine or more digits, so nothing
 * here resembles what the never-keep guard refuses.
 */
public final class DemoValues {

  private static final List<String> FIRST_A = List.of("Al", "Bel", "Cor", "Dar", "El", "Fen", "Gal", "Hal", "Ir", "Jas", "Kel", "Lor",
      "Mar", "Nel", "Or", "Per", "Quin", "Ros", "Sel", "Tam", "Ul", "Val", "Wen", "Yar", "Zan");
  private static final List<String> FIRST_B = List.of("a", "en", "ia", "o", "wyn", "ric", "ella", "an", "is", "ette");
  private static final List<String> LAST_A = List.of("Bram", "Cald", "Dunn", "Elm", "Farn", "Glen", "Hart", "Ivy", "Kest", "Lang", "Marl",
      "Nord", "Oak", "Pell", "Quill", "Rook", "Stan", "Thorn", "Umber", "Vale", "Wick", "Yew");
  private static final List<String> LAST_B = List.of("ford", "well", "by", "wood", "ridge", "ton", "more", "field", "ley", "stead",
      "worth", "brook");
  private static final List<String> COMPANY_A = List.of("Zen", "Quor", "Vel", "Tral", "Brix", "Ond", "Pax", "Lum", "Kor", "Jov", "Nim",
      "Sol", "Fyr", "Gral", "Hex", "Ixo");
  private static final List<String> COMPANY_B = List.of("ara", "ica", "ello", "umo", "ax", "ion", "ora", "eth", "ivo", "una");
  private static final List<String> COMPANY_SUFFIX = List.of("Labs", "Works", "Systems", "Trading", "Partners", "Goods", "Studio",
      "Supply", "Group", "Foods");
  private static final List<String> INDUSTRIES = List.of("software", "manufacturing", "retail", "finance", "health", "education", "services",
      "other");
  private static final List<String> CITIES = List.of("Springfield", "Riverton", "Lakeview", "Fairhaven", "Brookside", "Greenfield",
      "Oakridge", "Maplewood", "Westport", "Eastvale");
  private static final List<String> TLDS = List.of("example.com", "example.org", "example.net");
  private static final List<String> JOB_TITLES = List.of("Account Executive", "Operations Manager", "Head of Purchasing", "Office Manager",
      "Chief Executive", "Marketing Lead", "Product Owner", "Support Engineer", "Finance Director", "Project Coordinator", "Sales Manager",
      "Founder");
  private static final List<String> STATUSES = List.of("lead", "lead", "prospect", "prospect", "customer", "customer", "customer", "former");
  private static final List<String> STAGES = List.of("qualification", "qualification", "proposal", "proposal", "negotiation", "won", "lost");
  private static final List<String> DEAL_KINDS = List.of("Renewal", "Expansion", "Pilot", "Team seats", "Onboarding package",
      "Annual plan", "Support upgrade");
  private static final List<String> SUBJECTS = List.of("Intro call", "Follow up on proposal", "Quarterly review", "Demo of the new plan",
      "Send meeting notes", "Check onboarding progress", "Prepare quote", "Kick-off meeting", "Renewal conversation", "Answer product questions");
  private static final List<String> BODY_A = List.of("Talked about", "Went through", "Agreed on", "Reviewed", "Summarised", "Clarified");
  private static final List<String> BODY_B = List.of("the rollout plan", "next quarter's goals", "the pilot scope", "training for the team",
      "the product roadmap", "delivery dates", "the feedback from users", "pricing tiers");
  private static final List<String> BODY_C = List.of("Next step: send a short summary.", "They will reply by Friday.",
      "Schedule a follow-up in two weeks.", "No blockers for now.", "Waiting on their internal review.");
  private static final List<String> KINDS = List.of("note", "note", "note", "task", "task", "task", "call", "call", "meeting", "meeting");

  /** Dates are spread around a fixed day, not today, so the data is the same whenever it is made. */
  static final LocalDate BASE = LocalDate.of(2026, 12, 1);

  private final long seed;

  public DemoValues(long seed) {
    this.seed = seed;
  }

  /** How many of each object type go with {@code contacts} contacts. */
  public record Counts(int companies, int contacts, int deals, int activities) {
    public static Counts forContacts(int contacts) {
      return new Counts(Math.max(1, contacts / 10), contacts, contacts / 5, contacts / 2);
    }

    public long total() {
      return (long) companies + contacts + deals + activities;
    }
  }

  public Map<String, Object> company(int i) {
    SplittableRandom r = random(1, i);
    String stem = pick(r, COMPANY_A) + pick(r, COMPANY_B);
    String domain = stem.toLowerCase() + i + "." + pick(r, TLDS);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", stem + " " + pick(r, COMPANY_SUFFIX));
    m.put("domain", domain);
    m.put("website", "https://www." + domain);
    m.put("industry", pick(r, INDUSTRIES));
    m.put("phone", phone(r));
    m.put("city", pick(r, CITIES));
    m.put("employees", 1 + r.nextInt(r.nextInt(10) < 8 ? 200 : 20_000));
    return m;
  }

  /** A contact; {@code company} is the index of the company it works at. */
  public Map<String, Object> contact(int i) {
    SplittableRandom r = random(2, i);
    String first = pick(r, FIRST_A) + pick(r, FIRST_B);
    String last = pick(r, LAST_A) + pick(r, LAST_B);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", first);
    m.put("lastName", last);
    m.put("email", (first + "." + last + "." + i).toLowerCase() + "@" + pick(r, TLDS));
    if (r.nextInt(10) < 7) {
      m.put("phone", phone(r));
    }
    m.put("jobTitle", pick(r, JOB_TITLES));
    m.put("status", pick(r, STATUSES));
    if (r.nextInt(10) < 2) {
      m.put("birthDate", BASE.minusYears(22 + r.nextInt(45)).minusDays(r.nextInt(365)).toString());
    }
    return m;
  }

  public int companyOfContact(int contact, int companies) {
    return random(3, contact).nextInt(companies);
  }

  /** A deal of a contact (and that contact's company). */
  public Map<String, Object> deal(int i) {
    SplittableRandom r = random(4, i);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", pick(r, DEAL_KINDS) + " " + (2026 + r.nextInt(2)));
    m.put("amount", BigDecimal.valueOf(500L + r.nextInt(2_500) * 100L));
    String stage = pick(r, STAGES);
    m.put("stage", stage);
    boolean closed = stage.equals("won") || stage.equals("lost");
    m.put("closeDate", (closed ? BASE.minusDays(1 + r.nextInt(365)) : BASE.plusDays(r.nextInt(180))).toString());
    return m;
  }

  public int contactOfDeal(int deal, int contacts) {
    return random(5, deal).nextInt(contacts);
  }

  /** An activity: notes, calls and meetings in the past; tasks partly done, partly open with a due date. */
  public Map<String, Object> activity(int i) {
    SplittableRandom r = random(6, i);
    String kind = pick(r, KINDS);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", pick(r, SUBJECTS));
    m.put("kind", kind);
    if (kind.equals("task")) {
      boolean open = r.nextInt(10) < 4;
      m.put("done", !open);
      m.put("dueDate", (open ? BASE.plusDays(r.nextInt(60)) : BASE.minusDays(1 + r.nextInt(200))).toString());
    } else {
      m.put("occurredAt", BASE.minusDays(1 + r.nextInt(365)).atTime(8 + r.nextInt(10), 15 * r.nextInt(4)) + ":00Z");
      m.put("body", pick(r, BODY_A) + " " + pick(r, BODY_B) + ". " + pick(r, BODY_C));
    }
    return m;
  }

  public int contactOfActivity(int activity, int contacts) {
    return random(7, activity).nextInt(contacts);
  }

  /** The deal an activity is about, or -1; about a third of activities belong to a deal. */
  public int dealOfActivity(int activity, int deals) {
    SplittableRandom r = random(8, activity);
    return deals > 0 && r.nextInt(3) == 0 ? r.nextInt(deals) : -1;
  }

  private SplittableRandom random(int kind, int index) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + kind * 0xBF58476D1CE4E5B9L + index);
  }

  private static String phone(SplittableRandom r) {
    return String.format("+1 555 01%02d", r.nextInt(100));
  }

  private static <T> T pick(SplittableRandom r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }
}
