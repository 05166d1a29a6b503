package io.steward.crypto;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where keys live and how they are sealed. {@code keysDir} defaults to {@code $STEWARD_DATA_DIR/keys};
 * the master passphrase comes from {@code STEWARD_MASTER_PASSPHRASE} or {@code STEWARD_MASTER_PASSPHRASE_FILE}.
 * With {@code kmsKeyUri} set (and a Tink {@code KmsClient} bean that supports it) the key file's keysets are
 * sealed by that KMS key instead of the passphrase. {@code rotationBatchSize} is how many data keys a rotation
 * re-wraps per statement. Every node polls the database for key changes every {@code keyPoll} (default 1 s) and
 * writes its heartbeat; a node silent for {@code nodeTimeout} (default 30 s, at least five polls) counts as gone,
 * and rotations stop waiting for it. {@code dataKeyCache} is how many records' wrapped data keys a node remembers
 * (default 100,000, about 30 MB; 0 turns the cache off) and {@code dataKeyCacheTtl} how long (default 10 minutes), see
 * {@link WrappedKeyCache}.
 */
@ConfigurationProperties("steward.crypto")
public record CryptoProperties(
    String keysDir, String masterPassphrase, String masterPassphraseFile, String kmsKeyUri, Integer rotationBatchSize,
    Duration keyPoll, Duration nodeTimeout, Long dataKeyCache, Duration dataKeyCacheTtl) {

  public CryptoProperties {
    rotationBatchSize = rotationBatchSize == null || rotationBatchSize < 1 ? 1000 : rotationBatchSize;
    keyPoll = keyPoll == null || keyPoll.isNegative() || keyPoll.isZero() ? Duration.ofSeconds(1) : keyPoll;
    // At least five polls: a node must not count as gone because one heartbeat came late.
    nodeTimeout = nodeTimeout == null ? Duration.ofSeconds(30) : nodeTimeout;
    nodeTimeout = nodeTimeout.compareTo(keyPoll.multipliedBy(5)) < 0 ? keyPoll.multipliedBy(5) : nodeTimeout;
    dataKeyCache = dataKeyCache == null ? 100_000L : Math.max(0, dataKeyCache);
    dataKeyCacheTtl = dataKeyCacheTtl == null || dataKeyCacheTtl.isNegative() ? Duration.ofMinutes(10) : dataKeyCacheTtl;
  }

  @Override
  public String toString() {
    return "CryptoProperties[keysDir=" + keysDir + ", masterPassphrase=***, kmsKeyUri=" + kmsKeyUri + "]";
  }
}
