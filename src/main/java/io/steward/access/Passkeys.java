package io.steward.access;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;

/**
 * A user's passkeys. Registration and sign-in ceremonies run in Spring Security's WebAuthn filters; this lists
 * and removes them. The WebAuthn user entity is named after the Steward user id (never the email, which may change)
 * and shows the email to the authenticator.
 */
@Service
public class Passkeys {

  private final PublicKeyCredentialUserEntityRepository users;
  private final UserCredentialRepository credentials;
  private final StepUp stepUp;
  private final AuditTrail audit;
  private final Clock clock;

  Passkeys(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials, StepUp stepUp, AuditTrail audit, Clock clock) {
    this.users = users;
    this.credentials = credentials;
    this.stepUp = stepUp;
    this.audit = audit;
    this.clock = clock;
  }

  public record Passkey(String id, String label, Instant createdAt, Instant lastUsedAt) {}

  /** Makes sure the WebAuthn user entity exists before a registration ceremony, with the email as its display name. */
  public void prepare(java.util.UUID userId, String email) {
    if (users.findByUsername(userId.toString()) == null) {
      users.save(ImmutablePublicKeyCredentialUserEntity.builder().name(userId.toString()).id(Bytes.random()).displayName(email).build());
    }
  }

  public List<Passkey> of(java.util.UUID userId) {
    PublicKeyCredentialUserEntity entity = users.findByUsername(userId.toString());
    if (entity == null) {
      return List.of();
    }
    return credentials.findByUserId(entity.getId()).stream()
        .map(c -> new Passkey(c.getCredentialId().toBase64UrlString(), c.getLabel(), c.getCreated(), c.getLastUsed()))
        .toList();
  }

  /** Removes one of the caller's own passkeys (after step-up). */
  public boolean remove(Principal p, String credentialId) {
    stepUp.require(p, StepUp.MANAGE_MFA);
    PublicKeyCredentialUserEntity entity = users.findByUsername(p.userId().toString());
    if (entity == null) {
      return false;
    }
    for (CredentialRecord c : credentials.findByUserId(entity.getId())) {
      if (c.getCredentialId().toBase64UrlString().equals(credentialId)) {
        credentials.delete(c.getCredentialId());
        audit.record(new AuditEvent(clock.instant(), AuditActions.MFA, p.actorId(), "user", List.of(p.userId().toString()), List.of(), null,
            "success", p.request().ip(), p.request().userAgent(), p.request().requestId(), Map.of("change", "passkey-removed")));
        return true;
      }
    }
    return false;
  }
}
