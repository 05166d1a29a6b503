package io.steward.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where keys live and how they are sealed. {@code keysDir} defaults to {@code $STEWARD_DATA_DIR/keys};
 * the master passphrase comes from {@code STEWARD_MASTER_PASSPHRASE} or {@code STEWARD_MASTER_PASSPHRASE_FILE}.
 */
@ConfigurationProperties("steward.crypto")
public record CryptoProperties(String keysDir, String masterPassphrase, String masterPassphraseFile) {

  @Override
  public String toString() {
    return "CryptoProperties[keysDir=" + keysDir + ", masterPassphrase=***]";
  }
}
