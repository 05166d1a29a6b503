/**
 * The command shell of the one jar: {@code java -jar steward.jar <command>} runs a {@link io.steward.cli.CliCommand}
 * bean and exits. Commands are callers of the modules' public services (records through
 * {@code RecordService}), never a second path to the tables.
 */
@org.springframework.modulith.ApplicationModule
package io.steward.cli;
