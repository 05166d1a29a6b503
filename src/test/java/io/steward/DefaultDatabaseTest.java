package io.steward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database a fresh machine starts with (the README's first command): every other test gives its own
 * database through STEWARD_DB_URL, so this one opens the shipped default URL itself.
 */
class DefaultDatabaseTest {

  @Test
  void theShippedDefaultDatabaseUrlOpens(@TempDir Path dataDir) throws Exception {
    Properties app = new Properties();
    try (InputStream in = DefaultDatabaseTest.class.getResourceAsStream("/application.properties")) {
      app.load(in);
    }
    String property = app.getProperty("spring.datasource.url");
    String prefix = "${STEWARD_DB_URL:";
    assertThat(property).startsWith(prefix).endsWith("}");
    String url = property.substring(prefix.length(), property.length() - 1).replace("${steward.data-dir}", dataDir.toString());

    try (Connection c = DriverManager.getConnection(url, "steward", ""); ResultSet rs = c.createStatement().executeQuery("select 1")) {
      assertThat(rs.next()).isTrue();
    }
  }
}
