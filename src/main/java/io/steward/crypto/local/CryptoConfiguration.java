package io.steward.crypto.local;

import com.google.crypto.tink.KmsClient;
import io.steward.crypto.BlindIndex;
import io.steward.crypto.CryptoProperties;
import io.steward.crypto.KeyMaterialException;
import io.steward.crypto.KeyNodes;
import io.steward.crypto.KeyProvider;
import io.steward.crypto.KeyRing;
import io.steward.crypto.KeyRotation;
import io.steward.crypto.RecordCipher;
import io.steward.crypto.WrappedKeyCache;
import io.steward.crypto.kms.KmsKeyProvider;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.KeyVersionStore;
import io.steward.crypto.store.RotationJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the key store: a key file under {@code steward.crypto.keys-dir}, sealed by the master passphrase, or by a
 * KMS key when {@code steward.crypto.kms-key-uri} is set and a Tink {@link KmsClient} bean supports it.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

  static final String KEY_FILE = "steward-keys.json";

  @Bean
  DataKeyStore dataKeyStore(JdbcClient jdbc, JdbcTemplate template) {
    return new DataKeyStore(jdbc, template);
  }

  @Bean
  RotationJobStore rotationJobStore(JdbcClient jdbc) {
    return new RotationJobStore(jdbc);
  }

  @Bean
  @ConditionalOnMissingBean(KeyProvider.class)
  KeyProvider keyProvider(CryptoProperties properties, DataKeyStore dataKeys, ObjectProvider<KmsClient> kmsClients) {
    Path keysDir = Path.of(properties.keysDir());
    Path keyFile = keysDir.resolve(KEY_FILE);
    boolean exists = Files.exists(keyFile);
    if (!exists && dataKeys.count() > 0) {
      throw new KeyMaterialException(
          "The database holds encrypted data but there is no key file at " + keyFile.toAbsolutePath()
              + ". Restore the keys folder from your key backup (or set STEWARD_DATA_DIR to the right folder). "
              + "Steward has changed nothing.");
    }
    String kmsKeyUri = properties.kmsKeyUri();
    if (kmsKeyUri != null && !kmsKeyUri.isBlank()) {
      KmsClient client = kmsClients.orderedStream().filter(c -> c.doesSupport(kmsKeyUri)).findFirst()
          .orElseThrow(() -> new KeyMaterialException("steward.crypto.kms-key-uri is set to " + kmsKeyUri
              + " but no KmsClient bean supports it; add the KMS's Tink extension and a KmsClient bean (see docs/security.md)."));
      return new KmsKeyProvider(client, kmsKeyUri, keyFile);
    }
    char[] passphrase = MasterPassphrase.resolve(properties.masterPassphrase(), properties.masterPassphraseFile(), keysDir, exists);
    return new PassphraseKeyFile(keyFile, passphrase);
  }

  @Bean
  KeyVersionStore keyVersionStore(JdbcTemplate template, PlatformTransactionManager transactions) {
    return new KeyVersionStore(template, transactions);
  }

  @Bean
  KeyRing keyRing(KeyProvider provider, KeyVersionStore versions, CryptoProperties properties) {
    return new KeyRing(provider, versions, properties.nodeTimeout());
  }

  /**
   * This node's heartbeat and key-change polling, a lifecycle bean (started before the web server). The key ring
   * already announced the node when it loaded its keys, so a rotation started meanwhile waits for it.
   */
  @Bean
  KeyNodes keyNodes(KeyRing keys, CryptoProperties properties) {
    return new KeyNodes(keys, properties.keyPoll());
  }

  @Bean
  RecordCipher recordCipher(KeyRing keys, DataKeyStore store, CryptoProperties properties) {
    return new RecordCipher(keys, store, new WrappedKeyCache(properties.dataKeyCache(), properties.dataKeyCacheTtl()));
  }

  @Bean
  io.steward.shared.SecretSealer secretSealer(RecordCipher cipher) {
    return new io.steward.crypto.SecretSealing(cipher);
  }

  @Bean
  BlindIndex blindIndex(KeyRing keys) {
    return new BlindIndex(keys);
  }

  @Bean(destroyMethod = "close")
  KeyRotation keyRotation(KeyRing keys, DataKeyStore store, RotationJobStore jobs, KeyNodes nodes, CryptoProperties properties) {
    return new KeyRotation(keys, store, jobs, nodes, properties.rotationBatchSize());
  }

  /**
   * A rotation interrupted by a crash or a stop carries on once the application is up (index rebuilder registered), and
   * from then on this node takes over rotations of nodes that go away. Commands other than {@code keys rotate} leave
   * rotations to the servers: they exit too soon to be trusted with one.
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> resumeKeyRotations(KeyRotation rotation, @Value("${steward.cli.command:}") String command) {
    return event -> {
      if (command.isEmpty() || command.equals("keys rotate")) {
        rotation.resumeUnfinished();
      }
    };
  }
}
