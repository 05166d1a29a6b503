package io.steward.crypto.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.steward.crypto.KeyMaterial;
import io.steward.crypto.KeyMaterialException;
import io.steward.crypto.KeyRing;
import io.steward.crypto.local.PassphraseKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KMS seam, with a fake KMS whose key is a local Tink AEAD that never appears in the key file. */
class KmsKeyProviderTest {

  static final String URI = "fake-kms://projects/test/keys/steward";

  @TempDir Path dir;

  @BeforeAll
  static void tink() throws GeneralSecurityException {
    AeadConfig.register();
  }

  /** A KMS in memory: one master AEAD per client; counts calls, as a real KMS bills them. */
  static final class FakeKms implements KmsClient {
    final Aead master;
    final AtomicInteger calls = new AtomicInteger();

    FakeKms() throws GeneralSecurityException {
      master = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    @Override
    public boolean doesSupport(String keyUri) {
      return keyUri != null && keyUri.startsWith("fake-kms://");
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public Aead getAead(String keyUri) {
      calls.incrementAndGet();
      return master;
    }
  }

  @Test
  void keysSealedByTheKmsReopenThroughIt() throws Exception {
    FakeKms kms = new FakeKms();
    Path file = dir.resolve("keys/steward-keys.json");
    KeyMaterial first = new KmsKeyProvider(kms, URI, file).load();

    KeyMaterial again = new KmsKeyProvider(kms, URI, file).load();

    assertThat(again.personalKek().getPrimary().getId()).isEqualTo(first.personalKek().getPrimary().getId());
    assertThat(again.blindIndex().getPrimary().getId()).isEqualTo(first.blindIndex().getPrimary().getId());
    assertThat(Files.readString(file)).contains("\"sealedBy\" : \"kms\"").contains(URI).doesNotContain("type.googleapis.com");
    assertThat(kms.calls.get()).isPositive();
  }

  @Test
  void aKeyRingOnTheKmsRotatesAndPersists() throws Exception {
    FakeKms kms = new FakeKms();
    Path file = dir.resolve("keys/steward-keys.json");
    KeyRing ring = new KeyRing(new KmsKeyProvider(kms, URI, file));

    assertThat(ring.describe()).contains("sealed by KMS key " + URI);
    assertThat(new KmsKeyProvider(kms, URI, file).load().personalKek().size()).isEqualTo(1);
  }

  @Test
  void anotherKmsKeyCannotOpenTheFileAndNothingChanges() throws Exception {
    Path file = dir.resolve("keys/steward-keys.json");
    new KmsKeyProvider(new FakeKms(), URI, file).load();
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> new KmsKeyProvider(new FakeKms(), URI, file).load())
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("does not open the key file")
        .hasMessageContaining("changed nothing");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aPassphraseSealedFileIsNotMistakenForAKmsOne() {
    Path file = dir.resolve("keys/steward-keys.json");
    new PassphraseKeyFile(file, "a passphrase for this test".toCharArray()).load();

    assertThatThrownBy(() -> new KmsKeyProvider(new FakeKms(), URI, file).load())
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("not sealed by a KMS");
  }

  @Test
  void anUnsupportedKeyUriIsRefusedAtOnce() {
    assertThatThrownBy(() -> new KmsKeyProvider(new FakeKms(), "aws-kms://arn:aws:kms:eu-west-1:1:key/x", dir.resolve("k.json")))
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("does not support");
  }
}
