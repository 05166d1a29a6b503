package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomDetectorTests {

  private final ProhibitedDataGuard guard = new ProhibitedDataGuard();

  private static CustomDetectorSpec badge(String pattern, Checksum checksum, List<String> words) {
    return new CustomDetectorSpec(
        "employee-badge",
        "Employee badge number",
        pattern,
        checksum,
        words,
        "This looks like an employee badge number. Keep badge numbers in the HR system.");
  }

  @Test
  void refusesTextMatchingABusinessDefinedPattern() {
    DetectorInfo info = guard.addCustomDetector(badge("EMP-\\d{6}", Checksum.NONE, List.of()));

    assertThat(info.id()).isEqualTo("custom:employee-badge");
    assertThat(info.builtin()).isFalse();
    assertThat(info.enabled()).isTrue();
    assertThat(guard.inspect("Badge EMP-123456 lost"))
        .hasValueSatisfying(
            d -> {
              assertThat(d.detectorId()).isEqualTo("custom:employee-badge");
              assertThat(d.advice()).contains("HR system");
            });
    assertThat(guard.inspect("Badge EMP-12 lost")).isEmpty();
  }

  @Test
  void appliesTheChecksumToEachMatch() {
    guard.addCustomDetector(badge("\\b\\d{8}\\b", Checksum.LUHN, List.of()));

    assertThat(guard.inspect("member 12345674")).isPresent(); // Luhn-valid
    assertThat(guard.inspect("member 12345678")).isEmpty();
  }

  @Test
  void requiresAContextWordWhenGiven() {
    guard.addCustomDetector(badge("\\b\\d{7}\\b", Checksum.NONE, List.of("badge", "staff no")));

    assertThat(guard.inspect("Badge: 1234567")).isPresent();
    assertThat(guard.inspect("Staff No. 1234567")).isPresent();
    assertThat(guard.inspect("Invoice 1234567")).isEmpty();
  }

  @Test
  void canBeSwitchedOffAndRemoved() {
    guard.addCustomDetector(badge("EMP-\\d{6}", Checksum.NONE, List.of()));

    guard.disable("custom:employee-badge");
    assertThat(guard.inspect("EMP-123456")).isEmpty();
    guard.enable("custom:employee-badge");
    assertThat(guard.inspect("EMP-123456")).isPresent();
    guard.removeCustomDetector("custom:employee-badge");
    assertThat(guard.inspect("EMP-123456")).isEmpty();
    assertThat(guard.detectors()).noneMatch(d -> d.id().equals("custom:employee-badge"));
  }

  @Test
  void refusesASecondDetectorWithTheSameSlug() {
    guard.addCustomDetector(badge("EMP-\\d{6}", Checksum.NONE, List.of()));

    assertThatThrownBy(() -> guard.addCustomDetector(badge("E\\d{6}", Checksum.NONE, List.of())))
        .isInstanceOf(InvalidCustomDetectorException.class)
        .hasMessageContaining("already exists");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(a+)+$",
        "(a|aa)+$",
        "(\\d+)+x",
        "([a-z0-9]+)*@",
        "(.*a){12}",
        "\\d+x",
        ".*secret.*",
        "(\\w+\\s?)+!"
      })
  void rejectsPatternsThatBacktrackOnLongInput(String pattern) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> guard.addCustomDetector(badge(pattern, Checksum.NONE, List.of())))
        .isInstanceOf(InvalidCustomDetectorException.class)
        .hasMessageContaining("on long input")
        .hasMessageNotContaining(pattern);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(guard.detectors()).noneMatch(d -> d.id().startsWith("custom:"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(unclosed", "[a-", "*abc", "a{2,1}"})
  void rejectsInvalidPatterns(String pattern) {
    assertThatThrownBy(() -> guard.addCustomDetector(badge(pattern, Checksum.NONE, List.of())))
        .isInstanceOf(InvalidCustomDetectorException.class)
        .hasMessageStartingWith("The pattern is not a valid regular expression");
  }

  @Test
  void rejectsPatternsThatMatchEmptyTextOrAreTooLong() {
    assertThatThrownBy(() -> guard.addCustomDetector(badge("\\d*", Checksum.NONE, List.of())))
        .hasMessageContaining("empty text");
    assertThatThrownBy(() -> badge("a".repeat(301), Checksum.NONE, List.of()))
        .isInstanceOf(InvalidCustomDetectorException.class)
        .hasMessageContaining("longer than");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EMP-\\d{6}", "\\b[A-Z]{2}\\d{6,8}\\b", "(?i)badge\\s*#?\\s*\\d{4,8}", "\\b\\d{3}-\\d{3}\\b"})
  void acceptsBoundedPatterns(String pattern) {
    assertThat(guard.addCustomDetector(badge(pattern, Checksum.NONE, List.of())).enabled()).isTrue();
  }

  @Test
  void rejectsMalformedSlugsAndAdvice() {
    assertThatThrownBy(
            () -> new CustomDetectorSpec("Bad Slug", "n", "x", Checksum.NONE, List.of(), "a"))
        .isInstanceOf(InvalidCustomDetectorException.class);
    assertThatThrownBy(
            () -> new CustomDetectorSpec("ok", "n", "x", Checksum.NONE, List.of(), " "))
        .isInstanceOf(InvalidCustomDetectorException.class);
  }
}
