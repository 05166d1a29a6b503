package io.steward.api.problems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One problem-details answer (RFC 9457) before it is written. Every text in it is written by Steward, never
 * copied from the request: field names are checked by {@link SafeNames} before they get here.
 */
public record ApiProblem(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions,
    Map<String, String> headers) {

  /** One field's error: which field, a stable code and a message a person can act on. */
  public record FieldError(String field, String code, String message) {}

  public ApiProblem {
    errors = List.copyOf(errors);
    extensions = Map.copyOf(extensions);
    headers = Map.copyOf(headers);
  }

  public static ApiProblem of(ProblemType type, String detail) {
    return new ApiProblem(type, detail, List.of(), Map.of(), Map.of());
  }

  public static ApiProblem field(ProblemType type, String detail, String field, String code, String message) {
    return new ApiProblem(type, detail, List.of(new FieldError(field, code, message)), Map.of(), Map.of());
  }

  public ApiProblem with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    if (value != null) {
      more.put(name, value);
    }
    return new ApiProblem(type, detail, errors, more, headers);
  }

  public ApiProblem withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiProblem(type, detail, errors, extensions, more);
  }

  /** The JSON body, in a stable key order. */
  public Map<String, Object> body(String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.uri().toString());
    body.put("title", type.title());
    body.put("status", type.status().value());
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      for (FieldError e : errors) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", e.field());
        m.put("code", e.code());
        m.put("message", e.message());
        list.add(m);
      }
      body.put("errors", list);
    }
    body.putAll(extensions);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    return body;
  }
}
