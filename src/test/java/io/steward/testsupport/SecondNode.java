package io.steward.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import io.steward.StewardApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Another Steward node on the same database as a test's own (PostgreSQL), with the same data folder and keys. */
public final class SecondNode implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;

  private SecondNode(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** Starts a serving node on the database the test's node really uses. */
  public static SecondNode start(DataSource dataSource, Environment env, String... extraArguments) {
    return new SecondNode(context(dataSource, env, WebApplicationType.SERVLET, extraArguments));
  }

  /**
   * Starts another Steward on the database the test's node really uses (its URL supplier would make a new one at
   * every read), with the same data folder and passphrase: a serving node, or ({@code NONE}) a CLI-like process.
   */
  public static ConfigurableApplicationContext context(DataSource dataSource, Environment env, WebApplicationType type,
      String... extraArguments) {
    HikariDataSource ds = (HikariDataSource) dataSource;
    if (!ds.getJdbcUrl().startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException("two nodes share a PostgreSQL database");
    }
    // command-line arguments outrank application.properties
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.datasource.url=" + ds.getJdbcUrl(),
        "--spring.datasource.username=" + ds.getUsername(),
        "--steward.data-dir=" + env.getProperty("steward.data-dir"),
        "--steward.crypto.master-passphrase=" + env.getProperty("steward.crypto.master-passphrase"),
        "--spring.flyway.enabled=false"));
    args.addAll(List.of(extraArguments));
    return new SpringApplicationBuilder(StewardApplication.class).web(type).run(args.toArray(String[]::new));
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The status of a GET with a bearer token. */
  public int get(String path, String token) {
    return status(url(path), token);
  }

  @Override
  public void close() {
    context.close();
  }

  public static int status(String url, String token) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The last answer seen once it differs from the first one, or when time runs out. */
  public static int within(Duration limit, IntSupplier call) {
    long end = System.nanoTime() + limit.toNanos();
    int first = call.getAsInt();
    int last = first;
    while (System.nanoTime() < end && last == first) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      last = call.getAsInt();
    }
    return last;
  }
}
