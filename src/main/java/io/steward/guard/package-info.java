/** The never-keep guard: detectors for data Steward must not hold, applied to every string written. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.steward.guard;
