package io.steward.monitoring.respond;

import io.steward.monitoring.Incident;
import io.steward.monitoring.IncidentJson;
import io.steward.monitoring.MonitoringProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs incidents as JSON to the configured webhook, signed so the receiver can tell it came from Steward:
 * {@code X-Steward-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} with the timestamp in
 * {@code X-Steward-Timestamp} (reject old ones to stop replays). Retries with backoff; the body names ids,
 * rules and counts, never personal values.
 */
@Component
public class WebhookSender {

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MonitoringProperties.Webhook config;
  private final Clock clock;
  private final HttpClient http;

  WebhookSender(MonitoringProperties properties, Clock clock) {
    this.config = properties.webhook();
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Sends on the caller's thread (the notifier's), retrying; false if every attempt failed or no webhook is set. */
  public boolean send(String type, Incident i) {
    if (!config.configured()) {
      return false;
    }
    if (config.secret() == null || config.secret().isBlank()) {
      log.error("steward.monitoring.webhook.url is set but steward.monitoring.webhook.secret is not; unsigned webhooks are not sent");
      return false;
    }
    String body = body(type, i);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(URI.create(config.url()))
        .timeout(config.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "Steward-Monitor")
        .header("X-Steward-Event", type)
        .header("X-Steward-Timestamp", timestamp)
        .header("X-Steward-Signature", "sha256=" + sign(config.secret(), timestamp + "." + body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    long backoff = 500;
    for (int attempt = 1; attempt <= Math.max(1, config.retries() + 1); attempt++) {
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return true;
        }
        log.warn("Webhook answered {} for incident {} (attempt {})", status, i.id(), attempt);
      } catch (java.io.IOException e) {
        log.warn("Webhook unreachable for incident {} (attempt {}): {}", i.id(), attempt, e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff *= 2;
    }
    return false;
  }

  static String body(String type, Incident i) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", type);
    root.put("incident", IncidentJson.of(i));
    return JSON.writeValueAsString(root);
  }

  /** Hex HMAC-SHA256 of the text under the secret (the JDK's implementation). */
  public static String sign(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
