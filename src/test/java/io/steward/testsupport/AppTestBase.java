package io.steward.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
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

  @DynamicPropertySource
  static void stewardProperties(DynamicPropertyRegistry registry) throws Exception {
    Path dataDir = Files.createTempDirectory("steward-test");
    registry.add("STEWARD_DATA_DIR", dataDir::toString); // a subclass may set steward.data-dir itself

    registry.add("steward.crypto.master-passphrase", () -> "test-passphrase-not-for-production");
    // H2 through the variables application.properties reads, so that a subclass's usePostgres (which sets the
    // Spring properties themselves) wins whatever order the registrations run in; values are fixed once per
    // context, because a supplier is asked again at every read
    String h2 = TestDatabases.freshH2Url();
    registry.add("STEWARD_DB_URL", () -> h2);
    registry.add("STEWARD_DB_USER", () -> "sa");
  }

  /** Call from a subclass's own {@code @DynamicPropertySource} to run the same tests on PostgreSQL. */
  protected static void usePostgres(DynamicPropertyRegistry registry) {
    String url = TestDatabases.freshPostgresUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", TestDatabases::postgresUser);
  }

  protected String url(String path) {
    return "http://localhost:" + port + path;
  }

  /**
   * The account asks for unknown contact ids, as someone walking ids would, until the monitor's enumeration rule
   * contains it (401) or {@code attempts} run out; the last status.
   */
  protected int walkUnknownContacts(TestUsers.TestUser reader, int attempts) {
    int status = 0;
    for (int i = 0; i < attempts && status != 401; i++) {
      status = http.exchange(url("/api/v1/contacts/" + UUID.randomUUID()), HttpMethod.GET, new HttpEntity<>(reader.bearer()), String.class)
          .getStatusCode().value();
    }
    return status;
  }
}
