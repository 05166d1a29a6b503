package io.steward.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Writes {@code src/test/resources/guard/benign-corpus.txt}: realistic CRM strings that hold no
 * never-keep data, to measure the guard's false-positive rate. Deterministic (fixed seed); every
 * value is synthetic: random digits in real-world layouts, example names and places.
 *
 * <p>Regenerate from the project root with:
 *
 * <pre>
 * ./mvnw -q test-compile
 * java -cp target/test-classes io.steward.guard.BenignCorpusGenerator
 * </pre>
 */
public final class BenignCorpusGenerator {

  static final long SEED = 20261129L;
  static final int LINES = 12_000;
  static final Path DEFAULT_OUTPUT = Path.of("src/test/resources/guard/benign-corpus.txt");

  private final Random random = new Random(SEED);
  private final List<Supplier<String>> kinds = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
    Files.createDirectories(out.getParent());
    Files.write(out, new BenignCorpusGenerator().lines(), StandardCharsets.UTF_8);
    System.out.println("Wrote " + LINES + " lines to " + out);
  }

  List<String> lines() {
    kinds.addAll(
        List.of(
            this::phoneLine, this::phoneLine, this::phoneLine, this::orderLine, this::orderLine,
            this::dateLine, this::postcodeLine, this::moneyLine, this::moneyLine,
            this::trackingLine, this::trackingLine, this::isbnLine, this::skuLine,
            this::versionLine, this::ipLine, this::addressLine, this::addressLine,
            this::noteLine, this::noteLine, this::noteLine, this::scoreLine, this::quantityLine,
            this::identifierLine, this::mixedLine));
    List<String> lines = new ArrayList<>(LINES);
    while (lines.size() < LINES) {
      lines.add(kinds.get(random.nextInt(kinds.size())).get());
    }
    return lines;
  }

  // ---- building blocks -------------------------------------------------------------------

  private String digits(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  /** Digits not starting with zero. */
  private String number(int n) {
    return (char) ('1' + random.nextInt(9)) + digits(n - 1);
  }

  private int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private String name() {
    return pick("Dana Whitfield", "Luca Moretti", "Aiko Tanaka", "Priya Raman", "Jonas Berg",
        "Amélie Laurent", "Kwame Mensah", "Sofia Alvarez", "Mei Chen", "Oskar Nowak",
        "Fatima Haddad", "Tom O'Neill", "Ingrid Solberg", "Rahul Mehta", "Chloé Martin");
  }

  private String company() {
    return pick("Acme Ltd", "Globex GmbH", "Initech Inc.", "Umbrella BV", "Stark Logistics",
        "Wayne Foods", "Nordwind AB", "Soylent SA", "Hooli", "Vandelay Imports",
        "Pied Piper", "Tyrell Corp", "Cyberdyne KK", "Oceanic Travel", "Blue Sun Pty");
  }

  // ---- phone numbers: many countries, many layouts ----------------------------------------

  private String phone() {
    return switch (random.nextInt(34)) {
      case 0 -> "+1 (" + number(3) + ") 555-" + digits(4);
      case 1 -> number(3) + "-555-" + digits(4);
      case 2 -> "(" + number(3) + ") 555 " + digits(4);
      case 3 -> "+1 " + number(3) + "." + number(3) + "." + digits(4);
      case 4 -> "1-800-" + number(3) + "-" + digits(4);
      case 5 -> "+44 20 " + number(4) + " " + digits(4);
      case 6 -> "07700 " + number(6);
      case 7 -> "+44 (0)161 " + number(3) + " " + digits(4);
      case 8 -> "+49 30 " + number(8);
      case 9 -> "+49 (0)89 " + number(6) + "-" + digits(2);
      case 10 -> "0151 " + number(8);
      case 11 -> "+33 1 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
      case 12 -> "06." + digits(2) + "." + digits(2) + "." + digits(2) + "." + digits(2);
      case 13 -> "+34 " + number(3) + " " + digits(3) + " " + digits(3);
      case 14 -> "+39 06 " + number(4) + " " + digits(4);
      case 15 -> "+31 20 " + number(3) + " " + digits(4);
      case 16 -> "+41 44 " + number(3) + " " + digits(2) + " " + digits(2);
      case 17 -> "+46 8 " + number(3) + " " + digits(3) + " " + digits(2);
      case 18 -> "070-" + number(3) + " " + digits(2) + " " + digits(2);
      case 19 -> "+48 22 " + number(3) + " " + digits(2) + " " + digits(2);
      case 20 -> "+81 3-" + number(4) + "-" + digits(4);
      case 21 -> "090-" + number(4) + "-" + digits(4);
      case 22 -> "+86 138 " + digits(4) + " " + digits(4);
      case 23 -> "+91 " + pick("98", "97", "91") + number(3) + " " + digits(5);
      case 24 -> "+61 2 " + number(4) + " " + digits(4);
      case 25 -> "04" + digits(2) + " " + digits(3) + " " + digits(3);
      case 26 -> "+55 11 9" + number(4) + "-" + digits(4);
      case 27 -> "+52 55 " + number(4) + " " + digits(4);
      case 28 -> "+27 21 " + number(3) + " " + digits(4);
      case 29 -> "+234 803 " + number(3) + " " + digits(4);
      case 30 -> "+7 495 " + number(3) + "-" + digits(2) + "-" + digits(2);
      case 31 -> "+82 10-" + number(4) + "-" + digits(4);
      case 32 -> "+" + pick("1", "44", "49", "33", "61", "62", "86", "91", "234") + number(10);
      default -> "+971 4 " + number(3) + " " + digits(4) + " ext. " + digits(3);
    };
  }

  private String phoneLine() {
    return pick(
        "Call " + name() + " on " + phone(),
        "Mobile: " + phone(),
        "Tel " + phone() + " / Fax " + phone(),
        name() + " (" + company() + ") " + phone(),
        "Left voicemail at " + phone() + ", will retry Thursday",
        "Switchboard " + phone() + " then ask for accounts payable",
        "WhatsApp " + phone());
  }

  // ---- orders, invoices, POs -----------------------------------------------------------------

  private String orderLine() {
    return switch (random.nextInt(9)) {
      case 0 -> "Order #A-2026-" + digits(6) + " shipped to " + company();
      case 1 -> "INV-2026-" + pick("01", "06", "11") + "-" + digits(4) + " paid in full";
      case 2 -> "PO " + pick("45", "46") + digits(8) + " approved by " + name();
      case 3 -> "SO-" + digits(9) + " awaiting stock";
      case 4 -> "Invoice 2026/" + between(1, 9999) + " due " + between(1, 28) + " Dec";
      case 5 -> "Amazon order " + number(3) + "-" + digits(7) + "-" + digits(7);
      case 6 -> "Shopify order #" + between(1001, 99999) + " (" + between(1, 12) + " items)";
      case 7 -> "Credit note CN-2026-" + digits(4) + " for €" + between(10, 999) + ".00";
      default -> "Quote Q" + digits(7) + " valid for 30 days";
    };
  }

  // ---- dates and times -------------------------------------------------------------------

  private String date() {
    int y = between(2019, 2027);
    int m = between(1, 12);
    int d = between(1, 28);
    return switch (random.nextInt(9)) {
      case 0 -> String.format("%04d-%02d-%02d", y, m, d);
      case 1 -> String.format("%02d/%02d/%04d", d, m, y);
      case 2 -> String.format("%02d/%02d/%04d %02d:%02d", m, d, y, between(0, 23), between(0, 59));
      case 3 -> String.format("%02d.%02d.%04d", d, m, y);
      case 4 -> pick("Jan", "Mar", "Jun", "Sep", "Nov") + " " + d + ", " + y + " at " + between(1, 12) + ":" + String.format("%02d", between(0, 59)) + " PM";
      case 5 -> String.format("%04d-%02d-%02dT%02d:%02d:00Z", y, m, d, between(0, 23), between(0, 59));
      case 6 -> String.format("%04d%02d%02d", y, m, d);
      case 7 -> "17" + digits(8);
      default -> "17" + digits(11);
    };
  }

  private String dateLine() {
    return pick(
        "Meeting on " + date(),
        "Renewal date: " + date(),
        "Last contacted " + date() + " by " + name(),
        "Created " + date() + " | Updated " + date(),
        "Event timestamp " + date());
  }

  // ---- postcodes -------------------------------------------------------------------------

  private String postcode() {
    return switch (random.nextInt(12)) {
      case 0 -> number(5);
      case 1 -> number(5) + "-" + digits(4);
      case 2 -> pick("SW1A 1AA", "EC1A 1BB", "M1 1AE", "LS1 4AP", "EH1 2NG");
      case 3 -> pick("K1A 0B1", "M5V 3L9", "H2Y 1C6");
      case 4 -> number(5) + " Berlin";
      case 5 -> number(4) + " " + pick("AB", "CD", "XK");
      case 6 -> "75" + digits(3) + " Paris";
      case 7 -> number(3) + "-" + digits(4);
      case 8 -> number(5) + "-" + digits(3);
      case 9 -> number(6);
      case 10 -> number(4);
      default -> "NL-" + number(4) + " " + pick("AB", "EZ");
    };
  }

  private String postcodeLine() {
    return pick("Postcode " + postcode(), "ZIP: " + postcode(), "Ship to " + postcode(),
        "PLZ " + postcode() + ", Deutschland");
  }

  // ---- money -------------------------------------------------------------------------------

  private String money() {
    return switch (random.nextInt(10)) {
      case 0 -> "$" + between(1, 999) + "," + digits(3) + "." + digits(2);
      case 1 -> "€ " + between(1, 999) + "." + digits(3) + "," + digits(2);
      case 2 -> "£" + between(1, 99999);
      case 3 -> "USD " + between(1, 999) + "," + digits(3);
      case 4 -> between(1, 999) + " " + digits(3) + " " + digits(3) + "," + digits(2) + " €";
      case 5 -> "¥" + between(1, 999) + "," + digits(3);
      case 6 -> "CHF " + between(1, 99) + "'" + digits(3) + ".00";
      case 7 -> "INR " + between(1, 99) + "," + digits(2) + "," + digits(3);
      case 8 -> between(10, 99999) + ".00 EUR";
      default -> "$" + between(1, 999) + "." + digits(2);
    };
  }

  private String moneyLine() {
    return pick(
        "Deal value " + money(),
        "Annual contract: " + money() + " + VAT",
        "Discount approved, new total " + money(),
        "Outstanding balance " + money() + " as of " + date(),
        "Budget " + money() + " to " + money(),
        "Refunded " + money() + " to customer");
  }

  // ---- parcel tracking -------------------------------------------------------------------

  private String tracking() {
    return switch (random.nextInt(9)) {
      case 0 -> "1Z" + alnum(6) + pick("01", "02", "03") + digits(8);
      case 1 -> number(12);
      case 2 -> number(15);
      case 3 -> number(4) + " " + digits(4) + " " + digits(4);
      case 4 -> "9400 1" + digits(3) + " " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(2);
      case 5 -> pick("9205", "9270", "9361") + digits(18);
      case 6 -> "70" + digits(2) + " " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(4);
      case 7 -> "JD01" + digits(16);
      default -> digits(10);
    };
  }

  private String alnum(int n) {
    String chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(chars.charAt(random.nextInt(chars.length())));
    }
    return b.toString();
  }

  private String trackingLine() {
    return pick(
        "UPS tracking " + tracking(),
        "FedEx " + tracking() + " delivered",
        "Tracking number: " + tracking(),
        "Shipped via USPS, tracking " + tracking(),
        "DHL " + tracking() + " out for delivery",
        "Return label " + tracking() + " emailed to " + name());
  }

  // ---- ISBNs, SKUs, EANs -----------------------------------------------------------------

  private String isbn13() {
    String body = pick("978", "979") + digits(9);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return body + (10 - sum % 10) % 10;
  }

  private String isbn10() {
    String body = digits(9);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (body.charAt(i) - '0') * (10 - i);
    }
    int check = (11 - sum % 11) % 11;
    return body + (check == 10 ? "X" : String.valueOf(check));
  }

  private String isbnLine() {
    String i13 = isbn13();
    return pick(
        "ISBN " + i13,
        "ISBN-13: " + i13.substring(0, 3) + "-" + i13.charAt(3) + "-" + i13.substring(4, 7) + "-" + i13.substring(7, 12) + "-" + i13.charAt(12),
        "ISBN-10 " + isbn10(),
        "Sent the book (ISBN " + isbn10() + ") as a thank-you gift");
  }

  private String ean13() {
    String body = pick("400", "401", "429", "300", "350", "500", "540", "570", "690", "730", "760", "800", "840", "870", "890", "930", "0" + digits(2)) + digits(9);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return body + (10 - sum % 10) % 10;
  }

  private String skuLine() {
    return pick(
        "SKU " + pick("WID", "GAD", "TSH") + "-" + digits(5) + "-" + pick("BLU", "RED", "XL"),
        "SKU: " + digits(4) + "-XL-RED x " + between(1, 40),
        "EAN " + ean13(),
        "Barcode " + ean13() + " scanned at dock " + between(1, 9),
        "UPC " + digits(12),
        "GTIN 1" + digits(13),
        "Item " + alnum(8) + " back-ordered");
  }

  // ---- versions, IPs, addresses ----------------------------------------------------------

  private String versionLine() {
    return pick(
        "Running v" + between(1, 9) + "." + between(0, 30) + "." + between(0, 99),
        "Upgraded to " + between(1, 20) + "." + between(0, 9) + "." + between(0, 9) + "-rc." + between(1, 5),
        "Build 2026." + between(1, 12) + "." + between(1, 28) + "." + digits(4),
        "Firmware " + between(1, 9) + "." + digits(2) + "." + digits(3) + " on all " + between(2, 500) + " units");
  }

  private String ipLine() {
    return pick(
        "Login from " + between(1, 223) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254),
        "Server " + between(10, 192) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254) + ":" + between(1024, 65535),
        "IPv6 2001:db8::" + Integer.toHexString(between(0, 65535)) + ":" + Integer.toHexString(between(0, 65535)),
        "Allow-list " + between(1, 223) + "." + between(0, 255) + ".0.0/16");
  }

  private String addressLine() {
    return pick(
        between(1, 9999) + " " + pick("Market Street", "Fifth Avenue", "Baker Street", "Hauptstraße", "Rue de Rivoli") + ", Suite " + between(100, 3999),
        "Ship to: " + company() + ", " + between(1, 400) + " " + pick("High St", "Kingsway", "Oak Road") + ", " + postcode(),
        "Unit " + between(1, 99) + ", " + between(1, 999) + " Industrial Park, " + postcode(),
        "Floor " + between(1, 80) + ", " + between(1, 2000) + " " + pick("Collins St", "George St") + ", Melbourne VIC " + number(4),
        "PO Box " + between(100, 99999) + ", " + pick("Dubai", "Nairobi", "Singapore") + " " + number(5));
  }

  // ---- notes -----------------------------------------------------------------------------

  private String noteLine() {
    return pick(
        "Called " + name() + " about the renewal; follow up next Tuesday.",
        "Password reset requested via the portal, link sent.",
        "Customer asked whether we store card numbers - told them we only keep the processor token.",
        "Payment method on file: pm_" + alnum(14) + " (Visa ending " + digits(4) + ")",
        "Stripe customer cus_" + alnum(14),
        "Account manager changed to " + name() + ".",
        "Discussed credit terms: net " + pick("30", "45", "60") + ".",
        "Sent quote for " + between(10, 900) + " units, delivery in " + between(2, 12) + " weeks.",
        "Bank holiday on the 25th, office closed.",
        "Customer prefers email; do not call before 10:00.",
        "Account " + digits(6) + " renewed for " + between(1, 36) + " months.",
        "Wire received " + date() + " for " + money(),
        "Passport photo appointment booked for " + date() + ".",
        "Security code for the building is on the visitor badge.",
        "Experian account team meeting moved to Thursday.",
        "TransUnion renewal: " + between(2, 5) + " year term, seats to be confirmed.",
        "Equifax asked for the integration guide v" + between(1, 5) + "." + between(0, 9) + ".",
        "Requested a driver for the " + date() + " site visit.",
        "PIN pad firmware update scheduled.",
        "Use the shared password manager for the portal login.",
        "Ticket #" + between(1000, 99999) + " closed by " + name(),
        "Complaint about late delivery, offered " + between(5, 25) + "% off next order.",
        "Onboarding call with " + company() + " went well, " + between(2, 30) + " users to start.");
  }

  // ---- scores, quantities, ids -----------------------------------------------------------

  private String scoreLine() {
    return pick(
        "NPS " + between(0, 10),
        "CSAT " + between(1, 5) + "." + between(0, 9) + "/5",
        "Lead score " + between(0, 100),
        "Customer since " + between(1985, 2026),
        "Churn risk " + between(1, 99) + "%",
        "Health score " + between(300, 850) + " (internal)",
        "Win probability " + between(5, 95) + "%",
        "Rated " + between(1, 5) + " stars");
  }

  private String quantityLine() {
    return pick(
        "Qty " + between(1, 5000),
        between(2, 12) + " x " + between(6, 48) + " boxes",
        "Weight " + between(1, 999) + "." + between(0, 9) + " kg",
        between(1, 100) + " seats at " + money() + " each",
        "Pallets: " + between(1, 40) + ", cartons: " + between(1, 900),
        "Stock level " + between(0, 99999));
  }

  private String identifierLine() {
    return pick(
        "Customer ID CUST-" + digits(6),
        "Account ID " + digits(10),
        "UUID " + uuid(),
        "VAT " + pick("GB", "DE", "FR", "NL") + number(9),
        "Case " + alnum(3) + "-" + digits(5),
        "DUNS " + digits(2) + "-" + digits(3) + "-" + digits(4),
        "EIN-style ref " + alnum(2) + digits(7),
        "Member no. " + number(8),
        "Loyalty card " + number(4) + " " + digits(4));
  }

  private String uuid() {
    return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
  }

  private String hex(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }

  /** Two or three of the above in one note, as real notes run together. */
  private String mixedLine() {
    int n = between(2, 3);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(pick("; ", ". ", " - ", " | "));
      }
      b.append(kinds.get(random.nextInt(kinds.size() - 1)).get());
    }
    return b.toString();
  }
}
