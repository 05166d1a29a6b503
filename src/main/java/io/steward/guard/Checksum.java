package io.steward.guard;

/** Check-digit scheme a custom detector applies to each regex match before it counts. */
public enum Checksum {
  /** No check: every match counts. */
  NONE,
  /** Luhn mod 10 over the digits of the match (payment cards, many loyalty and ID numbers). */
  LUHN,
  /**
   * ISO 7064 mod 97-10 as used by IBAN: letters and digits of the match, first four characters
   * moved to the end, letters as 10..35, remainder 1.
   */
  MOD97,
  /** ABA routing number checksum over exactly nine digits of the match. */
  ABA
}
