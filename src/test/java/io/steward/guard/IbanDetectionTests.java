package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IbanDetectionTests {

  private final ProhibitedDataGuard guard = new ProhibitedDataGuard();

  @Property(tries = 3000)
  void refusesEveryValidIbanWithOrWithoutSpacesInAnyCase(@ForAll("ibansInText") String text) {
    assertThat(guard.inspect(text))
        .hasValueSatisfying(d -> assertThat(d.detectorId()).isEqualTo("iban"));
  }

  @Property(tries = 2000)
  void ignoresAnIbanWithOneCharacterChanged(@ForAll("brokenIbans") String text) {
    assertThat(guard.inspectAll(text)).noneMatch(d -> d.detectorId().equals("iban"));
  }

  @Test
  void knowsTheRegistryExamples() {
    assertThat(guard.inspect("IBAN DE89 3704 0044 0532 0130 00")).map(Detection::detectorId).hasValue("iban");
    assertThat(guard.inspect("pay to GB82WEST12345698765432 please")).map(Detection::detectorId).hasValue("iban");
    assertThat(guard.inspect("iban: gb82 west 1234 5698 7654 32")).map(Detection::detectorId).hasValue("iban");
  }

  @Test
  void ignoresVatNumbersAndWrongLengths() {
    assertThat(guard.inspectAll("VAT GB123456789, DE123456789")).isEmpty();
    assertThat(guard.inspectAll("DE89 3704 0044 0532 0130 001")).isEmpty();
  }

  @Provide
  Arbitrary<String> ibansInText() {
    Arbitrary<String> layouts =
        Combinators.combine(SensitiveValues.ibans(), Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as(
                (iban, spaced, lower) -> {
                  String s = spaced ? SensitiveValues.spaced(iban) : iban;
                  return lower ? s.toLowerCase(Locale.ROOT) : s;
                });
    return SensitiveValues.embedded(layouts);
  }

  @Provide
  Arbitrary<String> brokenIbans() {
    Arbitrary<String> broken =
        Combinators.combine(
                SensitiveValues.ibans(),
                Arbitraries.integers().between(4, 100),
                Arbitraries.integers().between(1, 9))
            .as(
                (iban, at, delta) -> {
                  // Change one digit of the account part: mod 97 catches every single substitution.
                  char[] chars = iban.toCharArray();
                  int i = 4 + (at % (chars.length - 4));
                  while (!Character.isDigit(chars[i])) {
                    i = 4 + ((i - 3) % (chars.length - 4));
                  }
                  chars[i] = (char) ('0' + (chars[i] - '0' + delta) % 10);
                  return new String(chars);
                });
    return SensitiveValues.embedded(broken);
  }
}
