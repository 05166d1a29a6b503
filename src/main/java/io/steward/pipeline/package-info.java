/** The deal pipeline: stages, the board and pipeline value. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"records", "schema", "access", "shared"})
package io.steward.pipeline;
