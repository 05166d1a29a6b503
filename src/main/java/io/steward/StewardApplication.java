package io.steward;

import io.steward.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StewardApplication {

  /** Without arguments Steward serves; {@code java -jar steward.jar <command> [options]} runs a command and exits. */
  public static void main(String[] args) {
    if (Cli.isCommand(args)) {
      System.exit(Cli.run(StewardApplication.class, args));
    }
    SpringApplication.run(StewardApplication.class, args);
  }

  /** Background polling runs in a serving Steward; a command run turns it off. */
  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  @ConditionalOnBooleanProperty(name = Cli.SCHEDULING_PROPERTY, matchIfMissing = true)
  static class Scheduling {}
}
