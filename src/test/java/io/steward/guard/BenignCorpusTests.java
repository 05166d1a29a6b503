package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The guard must not get in the way of ordinary CRM text. Measures the false-positive rate over
 * the generated benign corpus (see {@link BenignCorpusGenerator}) and writes it to
 * {@code target/guard-false-positive-rate.txt}.
 */
class BenignCorpusTests {

  private final ProhibitedDataGuard guard = new ProhibitedDataGuard();

  @Test
  void refusesFewerThanHalfAPercentOfBenignCrmStrings() throws IOException {
    List<String> lines = corpus();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(10_000);

    Map<String, Integer> byDetector = new TreeMap<>();
    StringBuilder refusedLines = new StringBuilder();
    int refused = 0;
    for (int i = 0; i < lines.size(); i++) {
      var detection = guard.inspect(lines.get(i));
      if (detection.isPresent()) {
        refused++;
        byDetector.merge(detection.get().detectorId(), 1, Integer::sum);
        refusedLines.append("line ").append(i + 1).append(": ").append(detection.get().detectorId()).append('\n');
      }
    }
    double rate = (double) refused / lines.size();
    String report =
        String.format(
            "benign corpus: %d lines, %d refused, false-positive rate %.3f %%%nby detector: %s%n%s",
            lines.size(), refused, rate * 100, byDetector, refusedLines);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/guard-false-positive-rate.txt"), report);
    System.out.println(report);

    assertThat(rate).isLessThan(0.005);
  }

  @Test
  void corpusIsTheOneTheGeneratorWrites() throws IOException {
    assertThat(corpus()).isEqualTo(new BenignCorpusGenerator().lines());
  }

  static List<String> corpus() throws IOException {
    try (InputStream in = BenignCorpusTests.class.getResourceAsStream("/guard/benign-corpus.txt")) {
      assertThat(in).as("benign corpus on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
