package io.steward.guard.detect;

import java.util.ArrayList;
import java.util.List;

/** The built-in context vocabulary, grouped by what the words announce. */
final class Context {

  static final int SSN = 1;
  static final int ROUTING = 1 << 1;
  static final int CREDIT_SCORE = 1 << 2;
  static final int SECURITY_CODE = 1 << 3;
  static final int PASSPORT = 1 << 4;
  static final int DRIVERS_LICENCE = 1 << 5;
  static final int PASSWORD = 1 << 6;
  static final int PIN = 1 << 7;
  static final int API_KEY = 1 << 8;
  static final int BEARER = 1 << 9;

  /** Characters either side of a context word within which a candidate counts. */
  static final int WINDOW = 40;

  static final List<ContextWord> WORDS = new ArrayList<>();

  static {
    add(SSN, "ssn", "ssns", "social security", "soc sec", "ss#", "ss no", "ss number", "taxpayer",
        "tax id", "tin");
    add(ROUTING, "routing", "aba", "rtn", "account", "accounts", "acct", "a/c", "bank", "ach",
        "wire", "transit number");
    add(CREDIT_SCORE, "credit score*", "credit rating*", "fico", "experian", "equifax",
        "transunion", "trans union", "vantagescore", "vantage score", "beacon score",
        "bureau score");
    add(SECURITY_CODE, "cvv", "cvv2", "cvc", "cvc2", "cid", "csc", "cvn", "security code",
        "card verification", "card code");
    add(PASSPORT, "passport*");
    add(DRIVERS_LICENCE, "driver's licen*", "driver licen*", "driving licen*", "dl#", "dl:",
        "dl no", "dl number", "dln", "licence no", "license no", "licence number",
        "license number", "licence#", "license#");
    add(PASSWORD, "password", "passwd", "pwd", "passcode", "passphrase", "pass word");
    add(PIN, "pin", "pin code", "pin number");
    add(API_KEY, "api key", "apikey", "secret key", "client secret", "secret access key",
        "access token", "auth token", "private key");
    add(BEARER, "bearer");
  }

  private Context() {}

  private static void add(int category, String... specs) {
    for (String spec : specs) {
      WORDS.add(ContextWord.of(spec, category));
    }
  }
}
