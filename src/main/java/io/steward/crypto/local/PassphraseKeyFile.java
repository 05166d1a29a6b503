package io.steward.crypto.local;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Random;
import com.google.crypto.tink.util.SecretBytes;
import io.steward.crypto.KeyMaterial;
import io.steward.crypto.KeyMaterialException;
import io.steward.crypto.KeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new KeyMaterialException(
          "The key file " + file.toAbsolutePath() + " cannot be read (it is damaged or not a Steward key file). "
              + "Restore it from your key backup; Steward has changed nothing.");
    }
    try {
      if (root.path("format").asInt() != FORMAT) {
        throw new KeyMaterialException("The key file " + file.toAbsolutePath() + " has an unknown format.");
      }
      byte[] salt = Base64.getDecoder().decode(root.path("salt").asString());
      Aead sealing = sealingKey(salt, root.path("memoryKb").asInt(), root.path("iterations").asInt());
      JsonNode keysets = root.path("keysets");
      return new KeyMaterial(
          open(keysets, "personal", sealing),
          open(keysets, "sensitive", sealing),
          open(keysets, "blind-index", sealing),
          open(keysets, "audit-signing", sealing));
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
    try {
      byte[] salt = Random.randBytes(16);
      Aead sealing = sealingKey(salt, ARGON_MEMORY_KB, ARGON_ITERATIONS);
      Map<String, String> keysets = new LinkedHashMap<>();
      keysets.put("personal", seal(material.personalKek(), "personal", sealing));
      keysets.put("sensitive", seal(material.sensitiveKek(), "sensitive", sealing));
      keysets.put("blind-index", seal(material.blindIndex(), "blind-index", sealing));
      keysets.put("audit-signing", seal(material.auditSigning(), "audit-signing", sealing));
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("format", FORMAT);
      root.put("kdf", "argon2id");
      root.put("memoryKb", ARGON_MEMORY_KB);
      root.put("iterations", ARGON_ITERATIONS);
      root.put("salt", Base64.getEncoder().encodeToString(salt));
      root.put("keysets", keysets);
      Files.createDirectories(file.toAbsolutePath().getParent());
      OwnerOnly.restrictDirectory(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
      OwnerOnly.restrictFile(tmp);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot write the key file " + file.toAbsolutePath() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static String seal(KeysetHandle handle, String name, Aead sealing) throws GeneralSecurityException {
    byte[] bytes = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, sealing, name.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static KeysetHandle open(JsonNode keysets, String name, Aead sealing) throws GeneralSecurityException {
    byte[] bytes = Base64.getDecoder().decode(keysets.path(name).asString());
    return TinkProtoKeysetFormat.parseEncryptedKeyset(bytes, sealing, name.getBytes(StandardCharsets.UTF_8));
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
