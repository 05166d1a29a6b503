package io.steward.access.web;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/** Spring's passkey store, with an audit event when a new passkey is registered (Spring's filter has no hook). */
final class AuditedPasskeys implements UserCredentialRepository {

  private final UserCredentialRepository delegate;
  private final PublicKeyCredentialUserEntityRepository users;
  private final AuditTrail audit;
  private final Clock clock;

  AuditedPasskeys(UserCredentialRepository delegate, PublicKeyCredentialUserEntityRepository users, AuditTrail audit, Clock clock) {
    this.delegate = delegate;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void save(CredentialRecord credential) {
    boolean isNew = delegate.findByCredentialId(credential.getCredentialId()) == null;
    delegate.save(credential);
    if (isNew) {
      PublicKeyCredentialUserEntity user = users.findById(credential.getUserEntityUserId());
      String actor = user == null ? "unknown" : user.getName();
      audit.record(new AuditEvent(clock.instant(), AuditActions.MFA, actor, "user", List.of(actor), List.of(), null, "success", null, null, null,
          Map.of("change", "passkey-registered")));
    }
  }

  @Override
  public void delete(Bytes credentialId) {
    delegate.delete(credentialId);
  }

  @Override
  public CredentialRecord findByCredentialId(Bytes credentialId) {
    return delegate.findByCredentialId(credentialId);
  }

  @Override
  public List<CredentialRecord> findByUserId(Bytes userId) {
    return delegate.findByUserId(userId);
  }
}
