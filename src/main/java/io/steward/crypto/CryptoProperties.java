package io.steward.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where keys live and how they are sealed. {@code keysDir} defaults to {@code $STEWARD_DATA_DIR/keys};
 * the master passphrase comes from {@code STEWARD_MASTER_PASSPHRASE} or {@code STEWARD_MASTER_PASSPHRASE_FILE}.
 * With {@code kmsKeyUri} set (and a Tink {@code KmsClient} bean that supports it) the key file's keysets are
 * sealed by that KMS key instead of the passphrase. {@code rotationBatchSize} is how many data keys a rotation
 * re-wraps per statement.
 */
@ConfigurationProperties("steward.crypto")
public record CryptoProperties(
    String keysDir, String masterPassphrase, String masterPassphraseFile, String kmsKeyUri, Integer rotationBatchSize) {

  public CryptoProperties {
    rotationBatchSize = rotationBatchSize == null || rotationBatchSize < 1 ? 1000 : rotationBatchSize;
  }

  @Override
  public String toString() {
    return "CryptoProperties[keysDir=" + keysDir + ", masterPassphrase=***, kmsKeyUri=" + kmsKeyUri + "]";
  }
}
