package io.steward.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Access settings: session lifetimes, the longest vendor grant, cookie security. */
@ConfigurationProperties("steward.access")
public record AccessProperties(
    @DefaultValue("30m") Duration sessionIdleTimeout,
    @DefaultValue("12h") Duration sessionAbsoluteLifetime,
    @DefaultValue("30d") Duration maxExternalGrant,
    @DefaultValue("365d") Duration maxTokenLifetime,
    @DefaultValue("false") boolean secureCookies) {}
