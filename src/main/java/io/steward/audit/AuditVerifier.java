package io.steward.audit;

/** Checks the whole remaining trail against its hash chain, the signed checkpoints and the checkpoint file. */
public interface AuditVerifier {

  VerificationReport verify();
}
