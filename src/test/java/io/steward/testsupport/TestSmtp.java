package io.steward.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * SMTP servers inside the test JVM, on loopback and a free port: {@link #start()} a GreenMail that receives
 * everything (plain SMTP, so Steward is pointed at it with {@code security=none}), or {@link #silent()} a server
 * that accepts connections and never answers — an SMTP server that hangs.
 */
public final class TestSmtp implements AutoCloseable {

  /** One received email, decoded. */
  public record Received(List<String> to, String from, String subject, String body) {}

  private final GreenMail greenMail;

  private TestSmtp(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  public static TestSmtp start() {
    ServerSetup setup = ServerSetupTest.SMTP.dynamicPort();
    GreenMail g = new GreenMail(setup);
    g.start();
    return new TestSmtp(g);
  }

  public int port() {
    return greenMail.getSmtp().getPort();
  }

  /** An SMTP account Steward signs in with. */
  public TestSmtp withAccount(String email, String login, String password) {
    greenMail.setUser(email, login, password);
    return this;
  }

  /** Points Steward at this server ({@code steward.mail.*}), plain SMTP on loopback. */
  public void register(DynamicPropertyRegistry registry, String from) {
    registry.add("steward.mail.host", () -> "127.0.0.1");
    registry.add("steward.mail.port", this::port);
    registry.add("steward.mail.security", () -> "none");
    registry.add("steward.mail.from", () -> from);
  }

  public List<Received> received() {
    List<Received> out = new ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      try {
        out.add(new Received(Arrays.stream(m.getAllRecipients()).map(Object::toString).toList(), m.getFrom()[0].toString(), m.getSubject(),
            m.getContent().toString()));
      } catch (MessagingException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The first received email that matches, waiting up to the given milliseconds; fails the test if none comes. */
  public Received await(Predicate<Received> match, long millis) {
    return Eventually.await(() -> received().stream().filter(match).findFirst(), Duration.ofMillis(millis),
        () -> "No matching email; received: " + received().stream().map(Received::subject).toList());
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  /** A server that accepts connections on loopback and never says a word: each client waits for its read timeout. */
  public static Silent silent() {
    try {
      return new Silent(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final class Silent implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    private Silent(ServerSocket socket) {
      this.socket = socket;
      this.acceptor = new Thread(() -> {
        try {
          while (!socket.isClosed()) {
            Socket s = socket.accept();
            synchronized (held) {
              held.add(s);
            }
          }
        } catch (IOException e) {
          // closed
        }
      }, "silent-smtp");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    public int port() {
      return socket.getLocalPort();
    }

    /** Connections accepted so far (each one a client left waiting). */
    public int connections() {
      synchronized (held) {
        return held.size();
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
        synchronized (held) {
          for (Socket s : held) {
            s.close();
          }
        }
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
