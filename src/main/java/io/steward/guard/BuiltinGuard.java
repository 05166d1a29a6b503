package io.steward.guard;

/**
 * A guard with every built-in detector on, for value types that check themselves in their
 * constructor. Business switches do not apply there: a value type's rules do not vary.
 */
final class BuiltinGuard {

  static final ProhibitedDataGuard INSTANCE = new ProhibitedDataGuard();

  private BuiltinGuard() {}

  static void refuseProhibited(String text) {
    INSTANCE.inspect(text).ifPresent(d -> {
      throw new ProhibitedDataException(d);
    });
  }
}
