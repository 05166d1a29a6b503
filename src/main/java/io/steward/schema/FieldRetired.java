package io.steward.schema;

import io.steward.access.Principal;

/**
 * Published when a field was retired. Its values stay readable unless {@code eraseValues}: then the records module
 * rewrites every record that holds one without it, in the background, and audits each erasure.
 */
public record FieldRetired(Principal actor, FieldDef field, boolean eraseValues) {}
