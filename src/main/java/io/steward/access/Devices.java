package io.steward.access;

import io.steward.access.store.DeviceStore;
import io.steward.access.store.DeviceStore.Notice;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Browsers and networks a user has signed in from. A completed sign-in from a browser without this user's device
 * cookie, or from a network (IPv4 /24, IPv6 /48) not seen before for this user, leaves a notice the user sees on
 * the next page view and an audit event. A known device also skips the account-wide sign-in slow-down.
 */
@Service
public class Devices {

  public static final String NEW_DEVICE = "auth.new-device";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DeviceStore store;
  private final AuditTrail audit;
  private final Clock clock;

  Devices(DeviceStore store, AuditTrail audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  public record UserNotice(UUID id, String message, Instant createdAt) {}

  public boolean isKnown(String deviceCookie, UUID userId) {
    return deviceCookie != null && deviceCookie.length() <= 100 && store.isKnownDevice(Sessions.hash(deviceCookie), userId);
  }

  /**
   * Notes a completed sign-in. Returns a new device cookie value to set when this browser was not yet known for
   * this user (empty when it was).
   */
  @Transactional
  public Optional<String> signedIn(UUID userId, String deviceCookie, RequestInfo request, String method) {
    Instant now = clock.instant();
    boolean firstEver = !store.anyDevice(userId);
    boolean knownDevice = isKnown(deviceCookie, userId);
    String network = network(request.ip());
    boolean newNetwork = network != null && store.addNetwork(userId, network, now) && !firstEver;
    Optional<String> issued = Optional.empty();
    if (knownDevice) {
      store.touchDevice(Sessions.hash(deviceCookie), now);
    } else {
      byte[] secret = new byte[32];
      RANDOM.nextBytes(secret);
      String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      store.addDevice(Sessions.hash(cookie), userId, now, request.userAgent());
      issued = Optional.of(cookie);
    }
    if (!firstEver && (!knownDevice || newNetwork)) {
      String what = !knownDevice ? "a new device" : "a new network";
      store.addNotice(userId, "New sign-in to your account from " + what + " (" + describe(request) + ") at " + now.toString().substring(0, 16).replace('T', ' ')
          + " UTC. If this was not you, sign out everywhere under Settings → Sessions and tell your administrator.", now);
      List<String> reasons = new ArrayList<>();
      if (!knownDevice) {
        reasons.add("device");
      }
      if (newNetwork) {
        reasons.add("network");
      }
      audit.record(new AuditEvent(now, NEW_DEVICE, userId.toString(), "user", List.of(userId.toString()), List.of(), null, "success",
          request.ip(), request.userAgent(), request.requestId(), Map.of("new", String.join(",", reasons), "method", method)));
    }
    return issued;
  }

  public List<UserNotice> notices(UUID userId) {
    return store.openNotices(userId).stream().map(n -> new UserNotice(n.id(), n.message(), n.createdAt())).toList();
  }

  public boolean dismiss(UUID userId, UUID noticeId) {
    return store.dismiss(userId, noticeId, clock.instant()) == 1;
  }

  /** The network an address belongs to, for "new network" notices: IPv4 /24, IPv6 /48. */
  static String network(String ip) {
    if (ip == null || ip.isBlank()) {
      return null;
    }
    try {
      byte[] a = InetAddress.getByName(ip).getAddress();
      if (a.length == 4) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + ".0/24";
      }
      return String.format("%02x%02x:%02x%02x:%02x%02x::/48", a[0], a[1], a[2], a[3], a[4], a[5]);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String describe(RequestInfo request) {
    String ua = request.userAgent() == null ? "unknown browser" : request.userAgent();
    String browser = ua.contains("Firefox") ? "Firefox" : ua.contains("Edg/") ? "Edge" : ua.contains("Chrome") ? "Chrome"
        : ua.contains("Safari") ? "Safari" : ua.length() > 40 ? ua.substring(0, 40) : ua;
    return browser + ", address " + (request.ip() == null ? "unknown" : request.ip());
  }
}
