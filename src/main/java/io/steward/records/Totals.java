package io.steward.records;

import java.math.BigDecimal;

/** How many records fall in a group and the sum of a numeric field over them. */
public record Totals(long count, BigDecimal sum) {}
