package io.steward;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries are part of the design: a reach into another module's internals fails the build. */
class ModularityTests {

  @Test
  void modulesRespectTheirBoundaries() {
    ApplicationModules.of(StewardApplication.class).verify();
  }
}
