package io.steward.guard;

import io.steward.guard.detect.BuiltinDetectors;
import io.steward.guard.detect.CustomDetector;
import io.steward.guard.detect.Detector;
import io.steward.guard.settings.GuardSettings;
import io.steward.guard.settings.GuardSettings.StoredCustomDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the guard runs, built once per settings change and never mutated, so inspections need no
 * lock. Keeps the compiled custom detectors so that a reload does not vet unchanged patterns
 * again.
 */
record GuardSnapshot(
    GuardSettings settings,
    List<Detector> enabled,
    List<DetectorInfo> infos,
    Map<CustomDetectorSpec, CustomDetector> compiled) {

  private static final Logger log = LoggerFactory.getLogger(GuardSnapshot.class);

  static GuardSnapshot of(GuardSettings settings, Map<CustomDetectorSpec, CustomDetector> previous) {
    List<Detector> enabled = new ArrayList<>();
    List<DetectorInfo> infos = new ArrayList<>();
    Map<CustomDetectorSpec, CustomDetector> compiled = new HashMap<>();
    for (Detector d : BuiltinDetectors.all()) {
      boolean on = settings.switches().getOrDefault(d.id(), true);
      if (on) {
        enabled.add(d);
      }
      infos.add(new DetectorInfo(d.id(), d.name(), d.description(), on, true));
    }
    for (StoredCustomDetector stored : settings.custom()) {
      CustomDetectorSpec spec = stored.spec();
      CustomDetector detector = previous.get(spec);
      if (detector == null) {
        try {
          detector = CustomDetector.of(spec);
        } catch (InvalidCustomDetectorException e) {
          // Stored before a stricter check, or edited in the database: list it, do not run it.
          log.warn("Never-keep detector {} not run: its pattern is refused", spec.detectorId());
          infos.add(
              new DetectorInfo(
                  spec.detectorId(),
                  spec.name(),
                  "Not running: " + e.getMessage(),
                  false,
                  false));
          continue;
        }
      }
      compiled.put(spec, detector);
      if (stored.enabled()) {
        enabled.add(detector);
      }
      infos.add(
          new DetectorInfo(
              detector.id(), detector.name(), detector.description(), stored.enabled(), false));
    }
    return new GuardSnapshot(settings, List.copyOf(enabled), List.copyOf(infos), Map.copyOf(compiled));
  }

  boolean knows(String detectorId) {
    return infos.stream().anyMatch(i -> i.id().equals(detectorId));
  }
}
