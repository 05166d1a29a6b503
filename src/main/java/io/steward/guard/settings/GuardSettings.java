package io.steward.guard.settings;

import io.steward.guard.CustomDetectorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored choices of one business: switched built-in detectors (absent means the default,
 * enabled) and its own detectors, in the order they were added.
 */
public record GuardSettings(Map<String, Boolean> switches, List<StoredCustomDetector> custom) {

  public static final GuardSettings DEFAULTS = new GuardSettings(Map.of(), List.of());

  public GuardSettings {
    switches = Map.copyOf(switches);
    custom = List.copyOf(custom);
  }

  /** A copy with one detector, built-in or custom ({@code custom:<slug>}), switched. */
  public GuardSettings withEnabled(String detectorId, boolean enabled) {
    List<StoredCustomDetector> customs = new ArrayList<>();
    boolean isCustom = false;
    for (StoredCustomDetector c : custom) {
      if (c.spec().detectorId().equals(detectorId)) {
        customs.add(new StoredCustomDetector(c.spec(), enabled));
        isCustom = true;
      } else {
        customs.add(c);
      }
    }
    if (isCustom) {
      return new GuardSettings(switches, customs);
    }
    Map<String, Boolean> changed = new HashMap<>(switches);
    changed.put(detectorId, enabled);
    return new GuardSettings(changed, custom);
  }

  /** A copy with a new custom detector, enabled. */
  public GuardSettings withCustom(CustomDetectorSpec spec) {
    List<StoredCustomDetector> customs = new ArrayList<>(custom);
    customs.add(new StoredCustomDetector(spec, true));
    return new GuardSettings(switches, customs);
  }

  /** A copy without the custom detector of this slug. */
  public GuardSettings withoutCustom(String slug) {
    return new GuardSettings(
        switches, custom.stream().filter(c -> !c.spec().slug().equals(slug)).toList());
  }

  /** A business-defined detector as stored, with its on/off switch. */
  public record StoredCustomDetector(CustomDetectorSpec spec, boolean enabled) {}
}
