package io.steward.crypto.local;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Random;
import com.google.crypto.tink.util.SecretBytes;
import io.steward.crypto.KeyMaterial;
import io.steward.crypto.KeyMaterialException;
import io.steward.crypto.KeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import tools.jackson.databind.JsonNode;

/**
 * The embedded key store: one JSON file holding Tink keysets, each encrypted (AES-256-GCM, with the
 * keyset's name as associated data) under a key derived from the master passphrase with Argon2id.
 * The file lives in its own folder, apart from the database.
 */
public final class PassphraseKeyFile implements KeyProvider {

  private static final int FORMAT = 1;
  private static final int ARGON_MEMORY_KB = 64 * 1024;
  private static final int ARGON_ITERATIONS = 3;
  private static final int ARGON_PARALLELISM = 1;

  private final Path file;
  private final char[] passphrase;

  public PassphraseKeyFile(Path file, char[] passphrase) {
    this.file = file;
    this.passphrase = passphrase.clone();
  }

  public Path file() {
    return file;
  }

  public boolean exists() {
    return Files.exists(file);
  }

  @Override
  public String describe() {
    return "key file " + file.toAbsolutePath();
  }

  @Override
  public KeyMaterial load() {
    if (!Files.exists(file)) {
      KeyMaterial fresh = KeyGeneration.fresh();
      store(fresh);
      return fresh;
    }
    JsonNode root = KeysetFile.read(file);
    try {
      if (root.path("format").asInt() != FORMAT || !"argon2id".equals(root.path("kdf").asString())) {
        throw new KeyMaterialException("The key file " + file.toAbsolutePath() + " is not sealed with a master passphrase "
            + "(unknown format, or sealed by a KMS: set steward.crypto.kms-key-uri). Steward has changed nothing.");
      }
      byte[] salt = Base64.getDecoder().decode(root.path("salt").asString());
      return KeysetFile.open(root, sealingKey(salt, root.path("memoryKb").asInt(), root.path("iterations").asInt()));
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException(
          "The master passphrase does not open the key file " + file.toAbsolutePath()
              + ". Check STEWARD_MASTER_PASSPHRASE or STEWARD_MASTER_PASSPHRASE_FILE; if the file was altered, "
              + "restore it from your key backup. Steward has changed nothing.");
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new KeyMaterialException(
          "The key file " + file.toAbsolutePath() + " is damaged. Restore it from your key backup; Steward has changed nothing.");
    }
  }

  @Override
  public void store(KeyMaterial material) {
    byte[] salt = Random.randBytes(16);
    Aead sealing;
    try {
      sealing = sealingKey(salt, ARGON_MEMORY_KB, ARGON_ITERATIONS);
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot derive the key file's sealing key", e);
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("format", FORMAT);
    header.put("kdf", "argon2id");
    header.put("memoryKb", ARGON_MEMORY_KB);
    header.put("iterations", ARGON_ITERATIONS);
    header.put("salt", Base64.getEncoder().encodeToString(salt));
    KeysetFile.write(file, header, material, sealing);
  }

  private Aead sealingKey(byte[] salt, int memoryKb, int iterations) throws GeneralSecurityException {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withSalt(salt)
            .withMemoryAsKB(memoryKb)
            .withIterations(iterations)
            .withParallelism(ARGON_PARALLELISM)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] key = new byte[32];
    generator.generateBytes(passphrase, key);
    AesGcmKey aesKey =
        AesGcmKey.builder()
            .setParameters(
                AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build())
            .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
            .build();
    java.util.Arrays.fill(key, (byte) 0);
    return AesGcmJce.create(aesKey);
  }
}
