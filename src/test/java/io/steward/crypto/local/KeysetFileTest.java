package io.steward.crypto.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import io.steward.crypto.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key file as nodes sharing a keys folder see it: while one node replaces it again and again, another reads it
 * without pause and always gets a whole file (the old one or the new one), never a torn or missing one.
 */
class KeysetFileTest {

  @TempDir Path dir;

  @Test
  void readsWhileTheFileIsReplacedSeeTheOldOrTheNewFileWhole() throws Exception {
    AeadConfig.register();
    PrfConfig.register();
    SignatureConfig.register();
    Aead sealing = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
    Path file = dir.resolve("keys/steward-keys.json");
    KeyMaterial first = KeyGeneration.fresh();
    KeyMaterial second = KeyGeneration.fresh();
    Set<Integer> primaries = Set.of(first.personalKek().getPrimary().getId(), second.personalKek().getPrimary().getId());
    Map<String, Object> header = Map.of("format", 1, "sealedBy", "test");
    KeysetFile.write(file, header, first, sealing);

    AtomicBoolean writing = new AtomicBoolean(true);
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(3);
    List<Future<Integer>> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(threads.submit(() -> {
        int reads = 0;
        while (writing.get()) {
          try {
            int primary = KeysetFile.open(KeysetFile.read(file), sealing).personalKek().getPrimary().getId();
            if (!primaries.contains(primary)) {
              failures.add("unknown primary " + primary);
            }
            reads++;
          } catch (Exception e) {
            failures.add(e.toString());
          }
        }
        return reads;
      }));
    }
    Future<?> writer = threads.submit(() -> {
      for (int i = 0; i < 150; i++) {
        KeysetFile.write(file, header, i % 2 == 0 ? second : first, sealing);
      }
      writing.set(false);
    });
    writer.get();
    int reads = 0;
    for (Future<Integer> f : readers) {
      reads += f.get();
    }
    threads.shutdown();

    assertThat(failures).isEmpty();
    assertThat(reads).isGreaterThan(10);
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertThat(left).as("no temporary file left behind").containsExactly(file);
    }
  }
}
