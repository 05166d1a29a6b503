package io.steward.guard;

import io.steward.guard.detect.CustomDetector;
import io.steward.guard.detect.Detector;
import io.steward.guard.detect.TextScan;
import io.steward.guard.settings.GuardSettings;
import io.steward.guard.settings.GuardSettingsStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The one write-path check for never-keep data. Every string a person or an import wants to store
 * goes through {@link #inspect(String)}; a detection means the write must be refused, and the
 * value must not be echoed, logged or stored anywhere on the way out.
 *
 * <p>Thread-safe: inspections read an immutable snapshot of the enabled detectors, which setting
 * changes replace atomically. The guard itself never logs inspected text.
 */
@Component
public class ProhibitedDataGuard {

  public static final String CUSTOM_PREFIX = "custom:";
  static final int MAX_CUSTOM_DETECTORS = 50;

  private static final Logger log = LoggerFactory.getLogger(ProhibitedDataGuard.class);

  private final GuardSettingsStore store;
  private final Object changes = new Object();
  private volatile GuardSnapshot snapshot;

  /** A guard with default settings held in memory only: for tests, benchmarks and tools. */
  public ProhibitedDataGuard() {
    this.store = null;
    this.snapshot = GuardSnapshot.of(GuardSettings.DEFAULTS, Map.of());
  }

  /** A guard whose switches and custom detectors live in the database. */
  @Autowired
  public ProhibitedDataGuard(GuardSettingsStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.snapshot = GuardSnapshot.of(store.load(), Map.of());
  }

  /**
   * Runs every enabled detector over the text.
   *
   * @return the most confident detection (ties go to the detector listed first), or empty when the
   *     text may be kept; empty for null or blank text
   */
  public Optional<Detection> inspect(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    TextScan scan = TextScan.of(text);
    Detector best = null;
    Confidence bestConfidence = null;
    for (Detector detector : snapshot.enabled()) {
      Confidence confidence = detector.find(scan);
      if (confidence != null && (bestConfidence == null || confidence.compareTo(bestConfidence) > 0)) {
        best = detector;
        bestConfidence = confidence;
        if (confidence == Confidence.HIGH) {
          break;
        }
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new Detection(best.id(), bestConfidence, best.advice()));
  }

  /** Every enabled detector that fires on the text, in detector order; for UIs that list all. */
  public List<Detection> inspectAll(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    TextScan scan = TextScan.of(text);
    List<Detection> found = new ArrayList<>();
    for (Detector detector : snapshot.enabled()) {
      Confidence confidence = detector.find(scan);
      if (confidence != null) {
        found.add(new Detection(detector.id(), confidence, detector.advice()));
      }
    }
    return List.copyOf(found);
  }

  /** Built-in detectors first, then custom ones in the order they were added. */
  public List<DetectorInfo> detectors() {
    return snapshot.infos();
  }

  public void enable(String detectorId) {
    setEnabled(detectorId, true);
  }

  public void disable(String detectorId) {
    setEnabled(detectorId, false);
  }

  /**
   * Switches a built-in or custom detector on or off for this business.
   *
   * @throws IllegalArgumentException if no detector has this id
   */
  public void setEnabled(String detectorId, boolean enabled) {
    synchronized (changes) {
      GuardSnapshot current = snapshot;
      boolean custom = detectorId != null && detectorId.startsWith(CUSTOM_PREFIX);
      if (!current.knows(detectorId)) {
        throw new IllegalArgumentException("There is no detector with id " + detectorId + ".");
      }
      if (store != null) {
        if (custom) {
          store.setCustomDetectorEnabled(slugOf(detectorId), enabled);
        } else {
          store.setDetectorEnabled(detectorId, enabled);
        }
        reloadLocked();
      } else {
        replace(current.settings().withEnabled(detectorId, enabled));
      }
      log.info("Never-keep detector {} {}", detectorId, enabled ? "enabled" : "disabled");
    }
  }

  /**
   * Adds a business-defined detector, enabled.
   *
   * @throws InvalidCustomDetectorException if the pattern is invalid or too slow, or the slug is
   *     taken; the message says what to change and does not repeat the pattern
   */
  public DetectorInfo addCustomDetector(CustomDetectorSpec spec) {
    Objects.requireNonNull(spec, "spec");
    CustomDetector vetted = CustomDetector.of(spec);
    synchronized (changes) {
      GuardSnapshot current = snapshot;
      if (current.knows(spec.detectorId())) {
        throw new InvalidCustomDetectorException(
            "A custom detector with this slug already exists; choose another slug or remove it"
                + " first.");
      }
      if (current.settings().custom().size() >= MAX_CUSTOM_DETECTORS) {
        throw new InvalidCustomDetectorException(
            "A business can define at most " + MAX_CUSTOM_DETECTORS + " custom detectors.");
      }
      Map<CustomDetectorSpec, CustomDetector> compiled = new HashMap<>(current.compiled());
      compiled.put(spec, vetted);
      if (store != null) {
        store.addCustomDetector(spec);
        snapshot = GuardSnapshot.of(store.load(), compiled);
      } else {
        snapshot = GuardSnapshot.of(current.settings().withCustom(spec), compiled);
      }
      log.info("Never-keep detector {} added", spec.detectorId());
      return info(spec.detectorId());
    }
  }

  /**
   * Removes a business-defined detector.
   *
   * @throws IllegalArgumentException if there is no custom detector with this id
   */
  public void removeCustomDetector(String detectorId) {
    synchronized (changes) {
      GuardSnapshot current = snapshot;
      if (detectorId == null
          || !detectorId.startsWith(CUSTOM_PREFIX)
          || !current.knows(detectorId)) {
        throw new IllegalArgumentException("There is no custom detector with id " + detectorId + ".");
      }
      if (store != null) {
        store.removeCustomDetector(slugOf(detectorId));
        reloadLocked();
      } else {
        replace(current.settings().withoutCustom(slugOf(detectorId)));
      }
      log.info("Never-keep detector {} removed", detectorId);
    }
  }

  /**
   * Re-reads the settings so that changes made on another node take effect here within seconds.
   * A no-op for a guard without a store.
   */
  @Scheduled(
      fixedDelayString = "${steward.guard.reload-interval:PT10S}",
      initialDelayString = "${steward.guard.reload-interval:PT10S}")
  public void reload() {
    if (store == null) {
      return;
    }
    synchronized (changes) {
      reloadLocked();
    }
  }

  private void reloadLocked() {
    GuardSettings loaded = store.load();
    if (!loaded.equals(snapshot.settings())) {
      replace(loaded);
    }
  }

  private void replace(GuardSettings settings) {
    snapshot = GuardSnapshot.of(settings, snapshot.compiled());
  }

  private DetectorInfo info(String detectorId) {
    return snapshot.infos().stream()
        .filter(i -> i.id().equals(detectorId))
        .findFirst()
        .orElseThrow();
  }

  private static String slugOf(String detectorId) {
    return detectorId.substring(CUSTOM_PREFIX.length());
  }
}
