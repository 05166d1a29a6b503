package io.steward.records;

import io.steward.schema.LegalBasis;
import java.time.Instant;
import java.util.Objects;

/**
 * One purpose a record is held for, with its legal basis and where it came from. For consent, {@code consentAt}
 * and {@code consentText} say when and to what wording the person agreed. None of it is a personal value.
 */
public record RecordPurpose(String purpose, LegalBasis basis, String source, Instant consentAt, String consentText) {

  public RecordPurpose {
    Objects.requireNonNull(purpose);
    Objects.requireNonNull(basis);
  }
}
