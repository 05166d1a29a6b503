package io.steward.crypto.local;

import io.steward.crypto.KeyMaterialException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a key problem at start-up into a short, actionable message instead of a stack trace. */
public class KeyMaterialFailureAnalyzer extends AbstractFailureAnalyzer<KeyMaterialException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, KeyMaterialException cause) {
    return new FailureAnalysis(
        "Steward cannot open its keys: " + cause.getMessage(),
        "Supply the right master passphrase and key file; see the README section \"Keys and the master passphrase\".",
        cause);
  }
}
