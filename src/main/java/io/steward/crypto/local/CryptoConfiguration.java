package io.steward.crypto.local;

import io.steward.crypto.BlindIndex;
import io.steward.crypto.CryptoProperties;
import io.steward.crypto.KeyMaterialException;
import io.steward.crypto.KeyRing;
import io.steward.crypto.KeyRotation;
import io.steward.crypto.RecordCipher;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.RotationJobStore;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the embedded key store: a passphrase-sealed key file under {@code steward.crypto.keys-dir}. */
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
  @ConditionalOnMissingBean(io.steward.crypto.KeyProvider.class)
  io.steward.crypto.KeyProvider keyProvider(CryptoProperties properties, DataKeyStore dataKeys) {
    Path keysDir = Path.of(properties.keysDir());
    Path keyFile = keysDir.resolve(KEY_FILE);
    boolean exists = keyFile.toFile().exists();
    if (!exists && dataKeys.count() > 0) {
      throw new KeyMaterialException(
          "The database holds encrypted data but there is no key file at " + keyFile.toAbsolutePath()
              + ". Restore the keys folder from your key backup (or set STEWARD_DATA_DIR to the right folder). "
              + "Steward has changed nothing.");
    }
    char[] passphrase = MasterPassphrase.resolve(properties.masterPassphrase(), properties.masterPassphraseFile(), keysDir, exists);
    return new PassphraseKeyFile(keyFile, passphrase);
  }

  @Bean
  KeyRing keyRing(io.steward.crypto.KeyProvider provider) {
    return new KeyRing(provider);
  }

  @Bean
  RecordCipher recordCipher(KeyRing keys, DataKeyStore store) {
    return new RecordCipher(keys, store);
  }

  @Bean
  io.steward.shared.SecretSealer secretSealer(RecordCipher cipher) {
    return new io.steward.crypto.SecretSealing(cipher);
  }

  @Bean
  BlindIndex blindIndex(KeyRing keys) {
    return new BlindIndex(keys);
  }

  @Bean
  KeyRotation keyRotation(KeyRing keys, DataKeyStore store, RotationJobStore jobs) {
    return new KeyRotation(keys, store, jobs);
  }
}
