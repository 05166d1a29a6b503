package io.steward.crypto.kms;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import io.steward.crypto.KeyMaterial;
import io.steward.crypto.KeyMaterialException;
import io.steward.crypto.KeyProvider;
import io.steward.crypto.local.KeyGeneration;
import io.steward.crypto.local.KeysetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Key material sealed by an external KMS instead of a passphrase: the same key file layout, but each keyset is
 * encrypted by the KMS key named by {@code steward.crypto.kms-key-uri} (for instance {@code gcp-kms://…} or
 * {@code aws-kms://…}) through any Tink {@link KmsClient}. The KMS key never leaves the KMS; stealing the key file
 * and the database together reveals nothing without also being able to call the KMS.
 */
public final class KmsKeyProvider implements KeyProvider {

  private static final int FORMAT = 1;

  private final KmsClient client;
  private final String keyUri;
  private final Path file;

  public KmsKeyProvider(KmsClient client, String keyUri, Path file) {
    if (!client.doesSupport(keyUri)) {
      throw new KeyMaterialException("The configured KMS client does not support the key " + keyUri + ".");
    }
    this.client = client;
    this.keyUri = keyUri;
    this.file = file;
  }

  @Override
  public KeyMaterial load() {
    if (!Files.exists(file)) {
      KeyMaterial fresh = KeyGeneration.fresh();
      store(fresh);
      return fresh;
    }
    JsonNode root = KeysetFile.read(file);
    if (root.path("format").asInt() != FORMAT || !"kms".equals(root.path("sealedBy").asString())) {
      throw new KeyMaterialException("The key file " + file.toAbsolutePath() + " is not sealed by a KMS (it is sealed with a "
          + "master passphrase, or damaged). Unset steward.crypto.kms-key-uri, or migrate it; Steward has changed nothing.");
    }
    if (!keyUri.equals(root.path("keyUri").asString())) {
      throw new KeyMaterialException("The key file " + file.toAbsolutePath() + " is sealed by another KMS key ("
          + root.path("keyUri").asString() + "), not " + keyUri + ". Steward has changed nothing.");
    }
    try {
      return KeysetFile.open(root, kmsAead());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyMaterialException("The KMS key " + keyUri + " does not open the key file " + file.toAbsolutePath()
          + " (no permission to use the key, the KMS is unreachable, or the file was altered). Steward has changed nothing.");
    }
  }

  @Override
  public void store(KeyMaterial material) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("format", FORMAT);
    header.put("sealedBy", "kms");
    header.put("keyUri", keyUri);
    try {
      KeysetFile.write(file, header, material, kmsAead());
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("The KMS key " + keyUri + " cannot seal the key file: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String describe() {
    return "key file " + file.toAbsolutePath() + " sealed by KMS key " + keyUri;
  }

  private Aead kmsAead() throws GeneralSecurityException {
    return client.getAead(keyUri);
  }
}
