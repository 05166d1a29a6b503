package io.steward.records.internal;

import io.steward.access.AccessPolicy;
import io.steward.access.FieldLevel;
import io.steward.access.Principal;
import io.steward.guard.Detection;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.records.ForbiddenException;
import io.steward.records.InvalidRecordException;
import io.steward.records.InvalidRecordException.FieldError;
import io.steward.records.values.ValueParser;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every write passes, in this order: the never-keep guard over every string (so a refused value
 * goes no further), known and writable fields, then parsing and validation. Errors name fields, never values.
 */
public final class WriteChecks {

  private final AccessPolicy policy;
  private final ProhibitedDataGuard guard;

  public WriteChecks(AccessPolicy policy, ProhibitedDataGuard guard) {
    this.policy = policy;
    this.guard = guard;
  }

  /** The first never-keep value in the input, by field; the caller refuses the whole write. */
  public Optional<Map.Entry<String, Detection>> prohibited(Map<String, Object> input) {
    for (Map.Entry<String, Object> e : input.entrySet()) {
      Optional<Detection> d = inspect(e.getKey()).or(() -> inspect(e.getValue()));
      if (d.isPresent()) {
        return Optional.of(Map.entry(e.getKey(), d.get()));
      }
    }
    return Optional.empty();
  }

  private Optional<Detection> inspect(Object value) {
    if (value instanceof String s) {
      return guard.inspect(s);
    }
    if (value instanceof Collection<?> c) {
      for (Object item : c) {
        Optional<Detection> d = inspect(item);
        if (d.isPresent()) {
          return d;
        }
      }
    }
    if (value instanceof Map<?, ?> m) {
      for (Object item : m.values()) {
        Optional<Detection> d = inspect(item);
        if (d.isPresent()) {
          return d;
        }
      }
      for (Object key : m.keySet()) {
        Optional<Detection> d = inspect(key);
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.empty();
  }

  /** Parses the input against the schema and the caller's field permissions; returns canonical values. */
  public Map<String, Object> parse(Principal p, ObjectDef o, Map<String, Object> input) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : input.entrySet()) {
      Optional<FieldDef> field = o.field(e.getKey());
      if (field.isEmpty()) {
        throw InvalidRecordException.malformed(safeName(e.getKey()), "unknown-field",
            "There is no field '" + safeName(e.getKey()) + "' on " + o.label() + ".");
      }
      FieldDef f = field.get();
      if (f.retired()) {
        errors.add(new FieldError(f.apiName(), "retired", f.label() + " is retired and can no longer be changed."));
        continue;
      }
      if (!policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(FieldLevel.EDIT)) {
        throw new ForbiddenException("Your roles do not allow you to change " + f.label() + ".", f.apiName());
      }
      try {
        parsed.put(f.apiName(), ValueParser.parse(f, e.getValue()));
      } catch (ValueParser.FieldProblem problem) {
        errors.add(problem.error());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRecordException(errors, false);
    }
    return parsed;
  }

  /**
   * Required fields must hold a value after the write, among those the record's purposes allow. {@code consider}
   * narrows the check on updates to fields that held a value or were sent, so a field made required later never
   * blocks changes to older records that lack it.
   */
  public void requireComplete(ObjectDef o, Map<String, Object> values, java.util.Set<String> purposes,
      java.util.function.Predicate<String> consider) {
    List<FieldError> errors = new ArrayList<>();
    for (FieldDef f : o.activeFields()) {
      if (f.required() && PurposeChecks.allows(f, purposes) && consider.test(f.apiName()) && values.get(f.apiName()) == null) {
        errors.add(new FieldError(f.apiName(), "required", f.label() + " is required."));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRecordException(errors, false);
    }
  }

  /** Field names that reach error messages are cut and stripped of markup. */
  public static String safeName(String name) {
    return name != null && name.matches("[A-Za-z][A-Za-z0-9_.]{0,63}") ? name : "(invalid name)";
  }
}
