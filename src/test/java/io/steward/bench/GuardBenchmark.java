package io.steward.bench;

import io.steward.guard.ProhibitedDataGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the never-keep guard on one thread, reported as UTF-8 bytes inspected per second
 * (the {@code bytes} secondary result). Input: the benign test corpus, with one line in 100
 * replaced by a line holding a card number, SSN, IBAN or secret ("mixed").
 *
 * <p>Fork, warm-up and measurement counts are set by the annotations below, so the class name
 * alone is enough (the bench profile passes {@code bench.args} to JMH as a single argument):
 *
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Dbench.args=GuardBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class GuardBenchmark {

  private static final String[] SENSITIVE = {
    "Customer read out 4111 1111 1111 1111 exp 12/27",
    "SSN 123-45-6789 verified",
    "Refund to IBAN DE89 3704 0044 0532 0130 00",
    "api key sk_live_4eC39HqLyjWDarjtT1zdp7dc in the ticket",
    "FICO 712 per Experian",
  };

  private static final int DOCUMENT_BYTES = 64 * 1024;

  private ProhibitedDataGuard guard;
  private String[] mixedFields;
  private long mixedFieldBytes;
  private String[] cleanDocuments;
  private long cleanDocumentBytes;
  private String[] mixedDocuments;
  private long mixedDocumentBytes;

  /** Counts inspected bytes; JMH reports it per second next to the operation rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void setUp() throws IOException {
    guard = new ProhibitedDataGuard();
    List<String> benign = corpus();
    List<String> mixed = new ArrayList<>(benign.size());
    for (int i = 0; i < benign.size(); i++) {
      mixed.add(i % 100 == 50 ? SENSITIVE[(i / 100) % SENSITIVE.length] : benign.get(i));
    }
    mixedFields = mixed.toArray(String[]::new);
    mixedFieldBytes = bytes(mixedFields);
    cleanDocuments = documents(benign);
    cleanDocumentBytes = bytes(cleanDocuments);
    mixedDocuments = documents(mixed);
    mixedDocumentBytes = bytes(mixedDocuments);
  }

  /** Each CRM string inspected on its own, as the write path does per field. */
  @Benchmark
  public int mixedFields(Bytes counter) {
    counter.bytes += mixedFieldBytes;
    return inspectAll(mixedFields);
  }

  /** 64 KiB notes with nothing to refuse: every detector runs to the end. */
  @Benchmark
  public int cleanDocuments(Bytes counter) {
    counter.bytes += cleanDocumentBytes;
    return inspectAll(cleanDocuments);
  }

  /** 64 KiB notes, each holding some never-keep values. */
  @Benchmark
  public int mixedDocuments(Bytes counter) {
    counter.bytes += mixedDocumentBytes;
    return inspectAll(mixedDocuments);
  }

  private int inspectAll(String[] texts) {
    int refused = 0;
    for (String text : texts) {
      if (guard.inspect(text).isPresent()) {
        refused++;
      }
    }
    return refused;
  }

  private static String[] documents(List<String> lines) {
    List<String> documents = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      b.append(line).append('\n');
      if (b.length() >= DOCUMENT_BYTES) {
        documents.add(b.toString());
        b.setLength(0);
      }
    }
    return documents.toArray(String[]::new);
  }

  private static long bytes(String[] texts) {
    long total = 0;
    for (String text : texts) {
      total += text.getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }

  private static List<String> corpus() throws IOException {
    try (InputStream in = GuardBenchmark.class.getResourceAsStream("/guard/benign-corpus.txt")) {
      if (in == null) {
        throw new IOException("benign corpus missing from the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
