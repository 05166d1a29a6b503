package io.steward.guard;

/**
 * Describes one detector for settings screens and the API.
 *
 * @param id stable id, e.g. {@code payment-card} or {@code custom:employee-badge}
 * @param name short person-readable name
 * @param description the rules the detector applies
 * @param enabled whether the guard currently runs it
 * @param builtin true for detectors that ship with Steward, false for business-defined ones
 */
public record DetectorInfo(
    String id, String name, String description, boolean enabled, boolean builtin) {}
