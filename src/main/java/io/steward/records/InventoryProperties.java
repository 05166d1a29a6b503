package io.steward.records;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data inventory settings: how many people able to read a sensitive field count as "many", and how many records a
 * type needs before an empty field counts as one nobody fills.
 */
@ConfigurationProperties("steward.inventory")
public record InventoryProperties(
    @DefaultValue("5") int sensitiveReadersThreshold,
    @DefaultValue("20") int unusedAfterRecords,
    @DefaultValue("90") int trendDays) {}
