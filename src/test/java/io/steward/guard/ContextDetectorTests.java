package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Detectors that need a word nearby, and the secrets detector. Synthetic values only. */
class ContextDetectorTests {

  private final ProhibitedDataGuard guard = new ProhibitedDataGuard();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Routing 021000021, account 000123456789 | us-bank-routing",
        "ABA: 011000015 | us-bank-routing",
        "acct at Chase, RTN 122105278 | us-bank-routing",
        "Credit score 712 (checked by Dana) | credit-score",
        "FICO: 655 | credit-score",
        "Experian came back at 802 | credit-score",
        "VantageScore 3.0 says 590 | credit-score",
        "TransUnion 731 | credit-score",
        "card CVV 123 | card-security-code",
        "CVC2: 0452 | card-security-code",
        "security code is 987 | card-security-code",
        "Passport no. 123456789 | passport-number",
        "passport# X1234567 expires next year | passport-number",
        "Driver's licence MORGA753116SM9IJ | drivers-licence",
        "drivers license: D1234567 | drivers-licence",
        "DL# A123-456-78-901-0 | drivers-licence",
        "driving licence number 12345678 | drivers-licence",
        "password: Summer2026! | secret",
        "pwd=hunter22 | secret",
        "The portal passcode is 4455aa | secret",
        "PIN: 4821 | secret",
        "api_key=9f8e7d6c5b4a39281706f5e4 | secret",
        "Authorization: Bearer 7a8b9c0d1e2f3a4b5c6d7e8f9 | secret"
      })
  void refusesNumbersThatTheirContextNames(String text, String detectorId) {
    assertThat(guard.inspect(text)).map(Detection::detectorId).hasValue(detectorId);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "rk_test_51Hx0aZ2eZvKYlo2C8n3Ufa9Q",
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_0123456789abcdefghijABCDEFGHIJ012345",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
        "xoxb-123456789012-abcdefABCDEF",
        "AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "glpat-abcdefghij0123456789",
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----"
      })
  void refusesSecretKeysByTheirIssuersPrefix(String key) {
    assertThat(guard.inspect("config: " + key + " (do not share)"))
        .hasValueSatisfying(
            d -> {
              assertThat(d.detectorId()).isEqualTo("secret");
              assertThat(d.confidence()).isEqualTo(Confidence.HIGH);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Payment method tok_1MqLbZ2eZvKYlo2Cx3abCDef",
        "pm_1NqXyZ2eZvKYlo2C on file",
        "Stripe customer cus_NffrFeUfNV2Hib",
        "card_1MvoiELkdIwHu7ixOeFGbN9D",
        "pk_live_51HxPublishableKeyIsPublic0",
        "Password reset requested via portal",
        "password: reset link sent",
        "The password is being reset tomorrow",
        "password: ********",
        "Use the shared password manager",
        "PIN pad firmware 2.1 installed",
        "Account manager: Dana, 350 Fifth Avenue",
        "Bank holiday on the 25th; wire of $1,250.00 expected",
        "Credit score model v2 launched for all users",
        "FICO 8 model",
        "Experian paid invoice $512",
        "Experian renewal, 12.5% uplift",
        "Passport photo appointment 2026-12-03 at 10:30",
        "Driver's licence checked, expires 2027-04-30",
        "Order 123456789 shipped",
        "Call 415-555-0132 about the CVV reader",
        "AKIA is a prefix we look for"
      })
  void letsOrdinaryCrmTextThrough(String text) {
    assertThat(guard.inspectAll(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Routing 021000022", "account 123456789"})
  void needsAValidRoutingChecksum(String text) {
    assertThat(guard.inspectAll(text)).noneMatch(d -> d.detectorId().equals("us-bank-routing"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Credit score 299", "FICO 851", "credit rating 1200"})
  void needsAScoreBetween300And850(String text) {
    assertThat(guard.inspectAll(text)).noneMatch(d -> d.detectorId().equals("credit-score"));
  }
}
