package io.steward.api.problems;

import io.steward.guard.Detection;
import io.steward.guard.ProhibitedDataGuard;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The never-keep guard for free text that does not go through the record service (user names, teams, grant
 * reasons): a refused value is answered like a refused record value and goes no further.
 */
@Component
public class NeverKeep {

  private final ProhibitedDataGuard guard;

  public NeverKeep(ProhibitedDataGuard guard) {
    this.guard = guard;
  }

  public void check(String field, String value) {
    if (value == null) {
      return;
    }
    Optional<Detection> d = guard.inspect(value);
    if (d.isPresent()) {
      throw new ApiException(ApiProblem.of(ProblemType.PROHIBITED_VALUE, d.get().advice()).with("field", field)
          .with("detector", d.get().detectorId()));
    }
  }
}
