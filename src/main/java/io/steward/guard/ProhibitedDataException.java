package io.steward.guard;

import java.util.Objects;

/**
 * A value was refused because it holds never-keep data. The message is the detection's advice;
 * neither holds any part of the value.
 */
public class ProhibitedDataException extends IllegalArgumentException {

  private final transient Detection detection;

  public ProhibitedDataException(Detection detection) {
    super(Objects.requireNonNull(detection, "detection").advice());
    this.detection = detection;
  }

  public Detection detection() {
    return detection;
  }
}
