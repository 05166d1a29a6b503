package io.steward.crypto.local;

import io.steward.crypto.KeyMaterialException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master passphrase: the environment first ({@code STEWARD_MASTER_PASSPHRASE}, then the file named
 * by {@code STEWARD_MASTER_PASSPHRASE_FILE}); otherwise, on a machine that has never had keys, a generated one
 * stored beside the key file, with a loud warning that production must supply its own.
 */
public final class MasterPassphrase {

  static final String GENERATED_FILE = "master.passphrase";
  private static final Logger log = LoggerFactory.getLogger(MasterPassphrase.class);

  private MasterPassphrase() {}

  public static char[] resolve(String fromEnv, String fileFromEnv, Path keysDir, boolean keyFileExists) {
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.toCharArray();
    }
    if (fileFromEnv != null && !fileFromEnv.isBlank()) {
      return read(Path.of(fileFromEnv), "STEWARD_MASTER_PASSPHRASE_FILE");
    }
    Path generated = keysDir.resolve(GENERATED_FILE);
    if (Files.exists(generated)) {
      warnGenerated(generated);
      return read(generated, "the generated passphrase file");
    }
    if (keyFileExists) {
      throw new KeyMaterialException(
          "No master passphrase: set STEWARD_MASTER_PASSPHRASE or STEWARD_MASTER_PASSPHRASE_FILE to the passphrase "
              + "that sealed " + keysDir.toAbsolutePath() + ". Steward has changed nothing.");
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      Files.createDirectories(keysDir);
      OwnerOnly.restrictDirectory(keysDir);
      Files.writeString(generated, passphrase + "\n", StandardCharsets.UTF_8);
      OwnerOnly.restrictFile(generated);
    } catch (IOException e) {
      throw new KeyMaterialException("Cannot write a generated master passphrase into " + keysDir.toAbsolutePath(), e);
    }
    warnGenerated(generated);
    return passphrase.toCharArray();
  }

  private static char[] read(Path path, String what) {
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new KeyMaterialException("The master passphrase file (" + what + ") at " + path.toAbsolutePath() + " is empty.");
      }
      return text.toCharArray();
    } catch (IOException e) {
      throw new KeyMaterialException("Cannot read the master passphrase file (" + what + ") at " + path.toAbsolutePath() + ".");
    }
  }

  private static void warnGenerated(Path generated) {
    log.warn(
        "\n*****************************************************************************************\n"
            + "*  Steward is using a GENERATED master passphrase stored beside the key file:\n"
            + "*    {}\n"
            + "*  Anyone who copies that folder can open every protected value. For production, move the\n"
            + "*  passphrase out (STEWARD_MASTER_PASSPHRASE or STEWARD_MASTER_PASSPHRASE_FILE) and delete it.\n"
            + "*****************************************************************************************",
        generated.toAbsolutePath());
  }
}
