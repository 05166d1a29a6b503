package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Whatever the guard refuses, the value never reaches a log line or an exception message. */
class NoValueLoggedTests {

  private static final List<String> VALUES =
      List.of(
          "4111 1111 1111 1111",
          "3782-822463-10005",
          "5555.5555.5555.4444",
          "123-45-6789",
          "DE89 3704 0044 0532 0130 00",
          "021000021",
          "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
          "Summer2026!",
          "MORGA753116SM9IJ");

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previousLevel;

  @BeforeEach
  void captureEverything() {
    previousLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(appender);
    root.setLevel(previousLevel);
  }

  @Test
  void neverLogsOrEchoesARefusedValue() {
    ProhibitedDataGuard guard = new ProhibitedDataGuard();
    List<String> messages = new ArrayList<>();
    String text =
        "Card " + VALUES.get(0) + ", Amex " + VALUES.get(1) + ", MC " + VALUES.get(2)
            + ", SSN " + VALUES.get(3) + ", IBAN " + VALUES.get(4) + ", routing " + VALUES.get(5)
            + ", key " + VALUES.get(6) + ", password: " + VALUES.get(7)
            + ", driver's licence " + VALUES.get(8);

    for (String value : VALUES) {
      guard.inspect(value).ifPresent(d -> messages.add(d.toString() + d.advice()));
      guard.inspect("note: " + value + " end").ifPresent(d -> messages.add(d.toString() + d.advice()));
    }
    guard.inspectAll(text).forEach(d -> messages.add(d.toString() + d.advice()));
    guard.disable("payment-card");
    guard.enable("payment-card");
    guard.addCustomDetector(
        new CustomDetectorSpec("badge", "Badge", "EMP-\\d{6}", Checksum.NONE, List.of(), "Keep it in HR."));
    guard.inspect("EMP-654321 " + text).ifPresent(d -> messages.add(d.toString()));
    messages.add(String.valueOf(catchThrowable(() -> PaymentToken.of("tok_4111111111111111", CardBrand.VISA, "1111"))));
    messages.add(String.valueOf(catchThrowable(() -> PaymentToken.of(VALUES.get(0), CardBrand.VISA, "1111"))));
    messages.add(
        String.valueOf(
            catchThrowable(
                () -> new CreditVerification(CreditVerification.Outcome.PASSED, LocalDate.of(2026, 11, 29), "dana", "Experian", "FICO 712"))));

    assertThat(appender.list).as("the appender captured the guard's own log lines").isNotEmpty();
    for (ILoggingEvent event : appender.list) {
      messages.add(event.getFormattedMessage());
      messages.add(event.getMessage());
      if (event.getArgumentArray() != null) {
        Arrays.stream(event.getArgumentArray()).forEach(a -> messages.add(String.valueOf(a)));
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        messages.add(ThrowableProxyUtil.asString(thrown));
      }
    }
    for (String message : messages) {
      for (String value : VALUES) {
        assertThat(message).doesNotContain(value).doesNotContain(value.replaceAll("[^0-9A-Za-z]", ""));
      }
      assertThat(message).doesNotContain("712").doesNotContain("654321");
    }
  }
}
