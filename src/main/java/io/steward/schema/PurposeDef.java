package io.steward.schema;

import java.util.Objects;

/**
 * One reason a business holds data ("newsletter"). Fields name the purposes they serve; records name the purposes
 * they are held for. {@code defaultBasis} is the legal basis a record gets when a client names the purpose alone.
 */
public record PurposeDef(String name, String label, String description, LegalBasis defaultBasis, boolean builtin) {

  public PurposeDef {
    Objects.requireNonNull(name);
    label = label == null || label.isBlank() ? name : label.strip();
    description = description == null ? "" : description.strip();
    defaultBasis = defaultBasis == null ? LegalBasis.LEGITIMATE_INTEREST : defaultBasis;
  }
}
