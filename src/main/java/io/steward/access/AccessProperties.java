package io.steward.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access settings: session lifetimes, the longest vendor grant, cookie security, the step-up window, whether
 * local passwords are accepted, and the sign-in throttle (see docs/sign-in.md for how the throttle cannot lock
 * anyone out for good).
 */
@ConfigurationProperties("steward.access")
public record AccessProperties(
    @DefaultValue("30m") Duration sessionIdleTimeout,
    @DefaultValue("12h") Duration sessionAbsoluteLifetime,
    @DefaultValue("30d") Duration maxExternalGrant,
    @DefaultValue("365d") Duration maxTokenLifetime,
    @DefaultValue("false") boolean secureCookies,
    @DefaultValue("10m") Duration stepUpWindow,
    @DefaultValue("true") boolean localPasswords,
    @DefaultValue("3") int throttleFreeFailures,
    @DefaultValue("15m") Duration throttleMaxLock,
    @DefaultValue("20") int throttleAccountFreeFailures,
    @DefaultValue("60s") Duration throttleAccountMaxDelay,
    @DefaultValue("10") int throttleIpAccounts,
    @DefaultValue("100") int throttleIpFailures,
    @DefaultValue("1h") Duration throttleIpBlock) {}
