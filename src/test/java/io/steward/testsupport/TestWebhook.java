package io.steward.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A webhook receiver inside the test JVM, on loopback and a free port, that Steward's incident webhook is pointed at
 * with {@link #register}. It keeps every delivery with its signature headers; {@link #failingFirst()} answers the first
 * one with a 503, so the delivery that counts is a retry.
 */
public final class TestWebhook implements AutoCloseable {

  public static final String SECRET = "test-webhook-secret";

  /** One delivery as received. */
  public record Delivery(String event, String signature, String timestamp, String body) {
    /** Whether the signature is the HMAC-SHA256 of {@code <timestamp>.<body>} under the secret, computed here as a receiver would. */
    public boolean signatureValid() {
      return ("sha256=" + hmac(timestamp + "." + body)).equals(signature);
    }
  }

  private final HttpServer server;
  private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

  private TestWebhook(boolean failFirst) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicBoolean failed = new AtomicBoolean(!failFirst);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (failed.compareAndSet(false, true)) {
        exchange.sendResponseHeaders(503, -1);
      } else {
        deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Steward-Event"), exchange.getRequestHeaders().getFirst("X-Steward-Signature"),
            exchange.getRequestHeaders().getFirst("X-Steward-Timestamp"), body));
        exchange.sendResponseHeaders(204, -1);
      }
      exchange.close();
    });
    server.start();
  }

  public static TestWebhook start() {
    return new TestWebhook(false);
  }

  public static TestWebhook failingFirst() {
    return new TestWebhook(true);
  }

  /** Points Steward's incident webhook here, with {@link #SECRET}. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("steward.monitoring.webhook.url", () -> "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    registry.add("steward.monitoring.webhook.secret", () -> SECRET);
  }

  /** The first delivery (from now on) that matches, waiting up to {@code millis}. */
  public Delivery await(Predicate<Delivery> matching, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    try {
      while (System.currentTimeMillis() < deadline) {
        Delivery d = deliveries.poll(200, TimeUnit.MILLISECONDS);
        if (d != null && matching.test(d)) {
          return d;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no matching webhook delivery within " + millis + " ms");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static String hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
