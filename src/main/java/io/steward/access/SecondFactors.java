package io.steward.access;

import io.steward.access.store.MfaStore;
import io.steward.access.store.MfaStore.TotpRow;
import io.steward.access.store.UserStore;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.shared.SecretSealer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's second factors: a TOTP authenticator (secret sealed by the crypto module, a used time step never
 * accepted twice), ten one-time recovery codes (shown once, kept as salted hashes) and passkeys (registered
 * through Spring Security's WebAuthn support; counted here). Wrong codes are throttled like passwords.
 */
@Service
public class SecondFactors {

  static final String SEAL_PURPOSE = "mfa-totp";
  static final int RECOVERY_CODES = 10;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  private final MfaStore store;
  private final UserStore users;
  private final SecretSealer sealer;
  private final SignInThrottle throttle;
  private final Principals principals;
  private final AuditTrail audit;
  private final StepUp stepUp;
  private final Clock clock;

  SecondFactors(MfaStore store, UserStore users, SecretSealer sealer, SignInThrottle throttle, Principals principals, AuditTrail audit,
      StepUp stepUp, Clock clock) {
    this.stepUp = stepUp;
    this.store = store;
    this.users = users;
    this.sealer = sealer;
    this.throttle = throttle;
    this.principals = principals;
    this.audit = audit;
    this.clock = clock;
  }

  /** What a user has set up. */
  public record Status(boolean totp, int passkeys, int recoveryCodesLeft, boolean required) {
    public boolean any() {
      return totp || passkeys > 0;
    }
  }

  /** A started TOTP enrolment: the secret to type or scan; it is not active until confirmed with a code. */
  public record TotpEnrolment(String secret, String otpauthUri) {
    @Override
    public String toString() {
      return "TotpEnrolment[***]";
    }
  }

  public Status status(UUID userId) {
    boolean totp = store.totp(userId).map(t -> t.confirmedAt() != null).orElse(false);
    return new Status(totp, store.passkeys(userId), store.unusedRecoveryCodes(userId), required(userId, RequestInfo.NONE));
  }

  /** Whether this user must use a second factor: any role in force that requires it, and always for vendors and contractors. */
  public boolean required(UUID userId, RequestInfo request) {
    Optional<UserStore.UserRow> user = users.find(userId);
    if (user.isPresent() && user.get().kind().isExternal()) {
      return true;
    }
    return principals.resolve(userId, request).map(p -> p.roles().stream().anyMatch(RolePolicy::requiresMfa)).orElse(false);
  }

  /**
   * Starts TOTP enrolment, or shows the one already started and not yet confirmed (so a reload or a mistyped
   * code does not force a rescan). An authenticator already confirmed must be removed first.
   */
  @Transactional
  public TotpEnrolment startTotp(UUID userId) {
    UserStore.UserRow user = users.find(userId).orElseThrow(() -> new AccessRequestException("userId", "No such user."));
    Optional<TotpRow> existing = store.totp(userId);
    if (existing.isPresent() && existing.get().confirmedAt() != null) {
      throw new AccessRequestException("totp", "An authenticator app is already set up. Remove it first to set up another.");
    }
    byte[] secret;
    if (existing.isPresent()) {
      secret = sealer.open(SEAL_PURPOSE, existing.get().secretRef(), existing.get().secretSealed());
    } else {
      secret = Totp.newSecret();
      UUID ref = UUID.randomUUID();
      store.replaceTotp(new TotpRow(userId, ref, sealer.seal(SEAL_PURPOSE, ref, secret), null, 0, clock.instant()));
    }
    String base32 = Totp.base32(secret);
    String label = URLEncoder.encode("Steward:" + user.email(), StandardCharsets.UTF_8).replace("+", "%20");
    String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=Steward&algorithm=SHA1&digits=6&period=30";
    return new TotpEnrolment(base32, uri);
  }

  /** Confirms enrolment with a first code; returns the recovery codes, to be shown once. Empty if the code is wrong. */
  @Transactional
  public Optional<List<String>> confirmTotp(UUID userId, String code, RequestInfo request) {
    Optional<TotpRow> row = store.totp(userId).filter(t -> t.confirmedAt() == null);
    if (row.isEmpty() || !throttle.check(mfaKey(userId), request.ip(), false).allowed()) {
      return Optional.empty();
    }
    byte[] secret = sealer.open(SEAL_PURPOSE, row.get().secretRef(), row.get().secretSealed());
    long step = Totp.matchingStep(secret, code, clock.instant());
    if (step < 0 || !store.claimStep(userId, step)) {
      throttle.failed(mfaKey(userId), request.ip());
      return Optional.empty();
    }
    store.confirmTotp(userId, clock.instant());
    List<String> codes = newRecoveryCodes(userId);
    record(userId, request, "success", Map.of("change", "totp-enrolled"));
    return Optional.of(codes);
  }

  /** New recovery codes at the user's request (after step-up); the old ones stop working. */
  @Transactional
  public List<String> newRecoveryCodes(Principal actor) {
    stepUp.require(actor, StepUp.MANAGE_MFA);
    List<String> codes = newRecoveryCodes(actor.userId());
    record(actor.userId(), actor.request(), "success", Map.of("change", "recovery-codes-replaced"));
    return codes;
  }

  private List<String> newRecoveryCodes(UUID userId) {
    List<String> codes = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      StringBuilder c = new StringBuilder();
      for (int j = 0; j < 16; j++) {
        if (j > 0 && j % 4 == 0) {
          c.append('-');
        }
        c.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
      }
      codes.add(c.toString());
      hashes.add(recoveryHash(userId, c.toString()));
    }
    store.replaceRecoveryCodes(userId, hashes);
    return codes;
  }

  /**
   * Checks a second factor: a current TOTP code (each time step once) or an unused recovery code. Wrong codes count
   * against the user's MFA throttle, so six digits cannot be guessed.
   */
  @Transactional
  public boolean verify(UUID userId, String code, RequestInfo request) {
    if (code == null || code.isBlank() || code.length() > 40) {
      return false;
    }
    if (!throttle.check(mfaKey(userId), request.ip(), false).allowed()) {
      record(userId, request, "failure", Map.of("reason", "throttled"));
      return false;
    }
    String trimmed = code.strip().toLowerCase(Locale.ROOT);
    boolean ok;
    String method;
    if (trimmed.length() > 8) {
      method = "recovery-code";
      ok = store.useRecoveryCode(userId, recoveryHash(userId, trimmed), clock.instant());
    } else {
      method = "totp";
      Optional<TotpRow> row = store.totp(userId).filter(t -> t.confirmedAt() != null);
      ok = false;
      if (row.isPresent()) {
        byte[] secret = sealer.open(SEAL_PURPOSE, row.get().secretRef(), row.get().secretSealed());
        long step = Totp.matchingStep(secret, trimmed, clock.instant());
        ok = step >= 0 && store.claimStep(userId, step);
      }
    }
    if (ok) {
      throttle.succeeded(mfaKey(userId), request.ip());
    } else {
      throttle.failed(mfaKey(userId), request.ip());
    }
    record(userId, request, ok ? "success" : "failure", Map.of("method", method));
    return ok;
  }

  /** Removes the authenticator app and its recovery codes (the caller has passed step-up); the secret is crypto-shredded. */
  @Transactional
  public void removeTotp(Principal actor) {
    stepUp.require(actor, StepUp.MANAGE_MFA);
    store.totp(actor.userId()).ifPresent(t -> sealer.destroy(t.secretRef()));
    store.deleteTotp(actor.userId());
    store.replaceRecoveryCodes(actor.userId(), List.of());
    record(actor.userId(), actor.request(), "success", Map.of("change", "totp-removed"));
  }

  static String mfaKey(UUID userId) {
    return "mfa:" + userId;
  }

  private static String recoveryHash(UUID userId, String code) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("steward-recovery|" + userId + "|" + code.replace("-", "").strip().toLowerCase(Locale.ROOT))
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void record(UUID userId, RequestInfo request, String outcome, Map<String, String> details) {
    audit.record(new AuditEvent(clock.instant(), AuditActions.MFA, userId.toString(), "user", List.of(userId.toString()), List.of(), null, outcome,
        request.ip(), request.userAgent(), request.requestId(), details));
  }
}
