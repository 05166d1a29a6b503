package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SsnDetectionTests {

  private final ProhibitedDataGuard guard = new ProhibitedDataGuard();

  @Property(tries = 2000)
  void refusesEveryValidSsnWithDashesOrSpacesWithoutContext(@ForAll("groupedSsns") String text) {
    assertThat(guard.inspect(text))
        .hasValueSatisfying(d -> assertThat(d.detectorId()).isEqualTo("us-ssn"));
  }

  @Property(tries = 2000)
  void refusesEveryValidBareSsnNextToAContextWord(@ForAll("bareSsnsWithContext") String text) {
    assertThat(guard.inspect(text))
        .hasValueSatisfying(d -> assertThat(d.detectorId()).isEqualTo("us-ssn"));
  }

  @Property(tries = 1000)
  void ignoresNeverIssuedSsnsEvenWithContext(@ForAll("impossibleSsns") String ssn) {
    for (String text :
        new String[] {
          "SSN: " + SensitiveValues.dashed(ssn, "-"),
          "SSN " + SensitiveValues.dashed(ssn, " "),
          "social security number " + ssn
        }) {
      assertThat(guard.inspectAll(text)).noneMatch(d -> d.detectorId().equals("us-ssn"));
    }
  }

  @Test
  void needsContextForBareNineDigits() {
    assertThat(guard.inspectAll("Order 123456789 shipped"))
        .noneMatch(d -> d.detectorId().equals("us-ssn"));
    assertThat(guard.inspect("Her SSN is 123456789")).map(Detection::detectorId).hasValue("us-ssn");
  }

  @Test
  void ignoresDashedNumbersThatAreLongerIdentifiers() {
    assertThat(guard.inspectAll("Part 12-123-45-6789-01")).isEmpty();
    assertThat(guard.inspectAll("Call 555-123-4567 or 55-12-3456")).isEmpty();
  }

  @Provide
  Arbitrary<String> groupedSsns() {
    return SensitiveValues.embedded(
        Combinators.combine(SensitiveValues.ssnDigits(), Arbitraries.of("-", " "))
            .as(SensitiveValues::dashed));
  }

  @Provide
  Arbitrary<String> bareSsnsWithContext() {
    return Combinators.combine(
            Arbitraries.of(SensitiveValues.SSN_CONTEXT),
            Arbitraries.of(" ", ": ", " is ", " on file ", "\n"),
            SensitiveValues.ssnDigits(),
            Arbitraries.of("", ".", " - verified by phone", " (checked)"),
            Arbitraries.of(true, false))
        .as(
            (context, glue, ssn, tail, contextFirst) ->
                contextFirst ? context + glue + ssn + tail : ssn + " was given as " + context + tail);
  }

  @Provide
  Arbitrary<String> impossibleSsns() {
    Arbitrary<String> badArea =
        Combinators.combine(
                Arbitraries.of(0, 666, 900, 950, 999),
                Arbitraries.integers().between(1, 99),
                Arbitraries.integers().between(1, 9999))
            .as((a, g, s) -> String.format("%03d%02d%04d", a, g, s));
    Arbitrary<String> badGroup =
        Combinators.combine(
                Arbitraries.integers().between(1, 899), Arbitraries.integers().between(1, 9999))
            .as((a, s) -> String.format("%03d00%04d", a, s));
    Arbitrary<String> badSerial =
        Combinators.combine(
                Arbitraries.integers().between(1, 899), Arbitraries.integers().between(1, 99))
            .as((a, g) -> String.format("%03d%02d0000", a, g));
    return Arbitraries.oneOf(badArea, badGroup, badSerial);
  }
}
