package io.steward.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.steward.StewardApplication;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another Steward beside a test's own, on the same PostgreSQL database, data folder (hence key file) and master
 * passphrase: a second app node, or a command's process ({@link WebApplicationType#NONE}).
 */
public final class OtherNode {

  private OtherNode() {}

  public static ConfigurableApplicationContext start(Environment env, DataSource dataSource, WebApplicationType type, String... extra) {
    HikariDataSource hikari = (HikariDataSource) dataSource;
    assertThat(hikari.getJdbcUrl()).startsWith("jdbc:postgresql:");
    // command-line arguments outrank application.properties; the URL supplier makes a new database at every
    // read, so take the one the test's node really uses
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.datasource.url=" + hikari.getJdbcUrl(),
        "--spring.datasource.username=" + hikari.getUsername(),
        "--steward.data-dir=" + env.getProperty("steward.data-dir"),
        "--steward.crypto.master-passphrase=" + env.getProperty("steward.crypto.master-passphrase"),
        "--spring.flyway.enabled=false"));
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(StewardApplication.class).web(type).run(args.toArray(String[]::new));
  }

  /** The HTTP port of a started node. */
  public static int port(ConfigurableApplicationContext node) {
    return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
  }
}
