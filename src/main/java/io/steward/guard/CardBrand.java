package io.steward.guard;

/** Payment card brands, as payment processors report them alongside a token. */
public enum CardBrand {
  VISA,
  MASTERCARD,
  AMERICAN_EXPRESS,
  DISCOVER,
  JCB,
  DINERS_CLUB,
  UNIONPAY,
  MAESTRO,
  OTHER
}
