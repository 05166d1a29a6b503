/**
 * Never-keep guard: refuses card numbers, social security numbers, bank accounts, credit scores,
 * identity document numbers and secrets before they reach storage. The rejected value is never
 * echoed, logged or stored; callers receive a {@link io.steward.guard.Detection} that names the
 * rule and says what to keep instead.
 *
 * <p>Only this package is API. Detection internals live in {@code detect}, persistence of the
 * per-business switches in {@code settings}.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Never-keep guard",
    allowedDependencies = "shared")
package io.steward.guard;
