package io.steward.guard;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A business-defined never-keep rule, e.g. an internal employee badge number.
 *
 * <p>The record checks the shape of each part; whether the pattern is safe to run on every write
 * is decided by {@link ProhibitedDataGuard#addCustomDetector(CustomDetectorSpec)}.
 *
 * @param slug lower-case id suffix ({@code [a-z0-9][a-z0-9-]*}, at most 48 characters); the
 *     detector id becomes {@code custom:<slug>}
 * @param name short person-readable name
 * @param pattern Java regular expression matched against the text (at most {@value
 *     #MAX_PATTERN_LENGTH} characters)
 * @param checksum check each match must pass, {@link Checksum#NONE} for none
 * @param contextWords words of which one must appear within 40 characters of a match; empty for
 *     none
 * @param advice the sentence shown to the person whose text was refused
 */
public record CustomDetectorSpec(
    String slug,
    String name,
    String pattern,
    Checksum checksum,
    List<String> contextWords,
    String advice) {

  public static final int MAX_PATTERN_LENGTH = 300;
  public static final int MAX_CONTEXT_WORDS = 20;
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  public CustomDetectorSpec {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw new InvalidCustomDetectorException(
          "The slug must be 1 to 48 lower-case letters, digits or dashes, starting with a letter"
              + " or digit.");
    }
    name = requireText(name, "name", 100);
    if (pattern == null || pattern.isBlank()) {
      throw new InvalidCustomDetectorException("The pattern must not be empty.");
    }
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new InvalidCustomDetectorException(
          "The pattern is longer than " + MAX_PATTERN_LENGTH + " characters; simplify it.");
    }
    checksum = checksum == null ? Checksum.NONE : checksum;
    contextWords = contextWords == null ? List.of() : List.copyOf(contextWords);
    if (contextWords.size() > MAX_CONTEXT_WORDS) {
      throw new InvalidCustomDetectorException(
          "Give at most " + MAX_CONTEXT_WORDS + " context words.");
    }
    for (String word : contextWords) {
      if (word == null || word.isBlank() || word.length() > 40 || word.contains("\n")) {
        throw new InvalidCustomDetectorException(
            "Each context word must be 1 to 40 characters on one line.");
      }
    }
    advice = requireText(advice, "advice", 300);
  }

  /** The detector id this spec defines. */
  public String detectorId() {
    return ProhibitedDataGuard.CUSTOM_PREFIX + slug;
  }

  private static String requireText(String value, String field, int max) {
    if (value == null || value.isBlank() || value.length() > max) {
      throw new InvalidCustomDetectorException(
          "The " + field + " must be 1 to " + max + " characters.");
    }
    return value.strip();
  }
}
