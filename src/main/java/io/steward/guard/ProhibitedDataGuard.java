package io.steward.guard;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Placeholder until the guard module lands (replaced by the guard branch). */
@Component
public class ProhibitedDataGuard {

  public Optional<Detection> inspect(String text) {
    return Optional.empty();
  }
}
