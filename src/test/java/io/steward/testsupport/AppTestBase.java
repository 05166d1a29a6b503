package io.steward.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of HTTP-level tests: a running Steward on H2. A subclass annotated {@code @OnPostgres}-style overrides
 * {@link #database()} by declaring its own {@code @DynamicPropertySource} with {@link #usePostgres}.
 */
@StewardTest
public abstract class AppTestBase {

  @LocalServerPort protected int port;
  @Autowired protected TestRestTemplate http;
  @Autowired protected TestUsers users;

  /**
   * Defaults go in through the environment variables that application.properties reads (STEWARD_DB_URL, …), not the
   * properties themselves: Spring applies the superclass's {@code @DynamicPropertySource} after a subclass's, so a
   * default set here as {@code spring.datasource.url} would silently override a subclass's PostgreSQL URL.
   */
  @DynamicPropertySource
  static void stewardProperties(DynamicPropertyRegistry registry) throws Exception {
    Path dataDir = Files.createTempDirectory("steward-test");
    registry.add("STEWARD_DATA_DIR", dataDir::toString);
    registry.add("steward.crypto.master-passphrase", () -> "test-passphrase-not-for-production");
    registry.add("STEWARD_DB_URL", TestDatabases::freshH2Url);
    registry.add("STEWARD_DB_USER", () -> "sa");
    registry.add("steward.audit.checkpoint-dir", () -> dataDir.resolve("checkpoints").toString());
  }

  /**
   * Call from a subclass's own {@code @DynamicPropertySource} to run the same tests on PostgreSQL. (It sets the
   * properties themselves, which take precedence over the defaults above.)
   */
  protected static void usePostgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestDatabases::freshPostgresUrl);
    registry.add("spring.datasource.username", TestDatabases::postgresUser);
  }

  protected String url(String path) {
    return "http://localhost:" + port + path;
  }
}
