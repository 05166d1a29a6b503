package io.steward.guard.detect;

/** Identity and wording shared by the detectors that ship with Steward. */
abstract class BuiltinDetector implements Detector {

  private final String id;
  private final String name;
  private final String description;
  private final String advice;

  BuiltinDetector(String id, String name, String description, String advice) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.advice = advice;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final String advice() {
    return advice;
  }

  @Override
  public final boolean builtin() {
    return true;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id + "]";
  }
}
