package io.steward.crypto.local;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.steward.crypto.KeyMaterial;
import io.steward.crypto.KeyMaterialException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key file's layout, whatever seals it: a JSON header saying how it is sealed, and each Tink keyset encrypted
 * under a sealing AEAD with the keyset's name as associated data (so keysets cannot be swapped inside the file).
 * Written to a temporary file, flushed to disk and moved into place (atomically where the file system can), owner-only,
 * so that nodes sharing the keys folder read either the old file or the new one.
 */
public final class KeysetFile {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] NAMES = {"personal", "sensitive", "blind-index", "audit-signing"};

  private KeysetFile() {}

  /** Reads the file's JSON; a file that is not JSON is damaged, and nothing is changed. */
  public static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new KeyMaterialException(
          "The key file " + file.toAbsolutePath() + " cannot be read (it is damaged or not a Steward key file). "
              + "Restore it from your key backup; Steward has changed nothing.");
    }
  }

  /** Opens every keyset; a GeneralSecurityException means the sealing key is wrong or the file was altered. */
  public static KeyMaterial open(JsonNode root, Aead sealing) throws GeneralSecurityException {
    JsonNode keysets = root.path("keysets");
    KeysetHandle[] handles = new KeysetHandle[NAMES.length];
    for (int i = 0; i < NAMES.length; i++) {
      byte[] bytes = Base64.getDecoder().decode(keysets.path(NAMES[i]).asString());
      handles[i] = TinkProtoKeysetFormat.parseEncryptedKeyset(bytes, sealing, NAMES[i].getBytes(StandardCharsets.UTF_8));
    }
    return new KeyMaterial(handles[0], handles[1], handles[2], handles[3]);
  }

  /** Seals every keyset and writes the file atomically, with the header fields first. */
  public static void write(Path file, Map<String, Object> header, KeyMaterial material, Aead sealing) {
    try {
      KeysetHandle[] handles = {material.personalKek(), material.sensitiveKek(), material.blindIndex(), material.auditSigning()};
      Map<String, String> keysets = new LinkedHashMap<>();
      for (int i = 0; i < NAMES.length; i++) {
        byte[] bytes = TinkProtoKeysetFormat.serializeEncryptedKeyset(handles[i], sealing, NAMES[i].getBytes(StandardCharsets.UTF_8));
        keysets.put(NAMES[i], Base64.getEncoder().encodeToString(bytes));
      }
      Map<String, Object> root = new LinkedHashMap<>(header);
      root.put("keysets", keysets);
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      OwnerOnly.restrictDirectory(dir);
      // A temporary file of its own (another process may be writing one too), on disk before it replaces the key file:
      // readers on any node see the old file or the new one, whole, never a part.
      Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          OwnerOnly.restrictFile(tmp);
          ByteBuffer bytes = ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
          out.force(true);
        }
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyMaterialException("Cannot write the key file " + file.toAbsolutePath() + ": " + e.getClass().getSimpleName(), e);
    }
  }
}
