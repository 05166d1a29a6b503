package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.StewardApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/** The API shell uses other modules only through their public root packages. */
class ApiModuleTest {

  @Test
  void usesOnlyOtherModulesPublicApi() {
    ApplicationModules modules = ApplicationModules.of(StewardApplication.class);
    ApplicationModule api = modules.getModuleByName("api").orElseThrow();
    Violations violations = modules.detectViolations().filter(v -> v.getMessage().contains("Module 'api'"));
    assertThat(violations.getMessages()).isEmpty();
    assertThat(api.getBasePackage().getName()).isEqualTo("io.steward.api");
  }
}
