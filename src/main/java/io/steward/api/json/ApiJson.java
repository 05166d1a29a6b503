package io.steward.api.json;

import io.steward.api.limits.BodyTooLargeException;
import io.steward.api.problems.ApiException;
import io.steward.api.problems.ApiProblem;
import io.steward.api.problems.ProblemType;
import io.steward.api.problems.SafeNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads API request bodies strictly and on Steward's terms: bounded nesting, names and numbers, no duplicate
 * keys, no trailing content, unknown properties refused, decimals kept exact. Errors name the field where
 * they can and never carry Jackson's message, which quotes the input.
 */
@Component
public class ApiJson {

  public static final int MAX_DEPTH = 32;
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

  private final JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH)
              .maxNameLength(1_000)
              .maxNumberLength(100)
              .maxStringLength(BodyTooLargeException.LIMIT)
              .maxDocumentLength(BodyTooLargeException.LIMIT)
              .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
          DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private final SafeNames names;

  public ApiJson(SafeNames names) {
    this.names = names;
  }

  /** A body that must be one JSON object, as a map in the order sent. */
  public Map<String, Object> object(byte[] body) {
    requireBody(body);
    try {
      if (!mapper.readTree(body).isObject()) {
        throw malformed("The request body must be a JSON object.");
      }
      return mapper.readValue(body, OBJECT);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** A body bound to a request record; unknown properties are refused. */
  public <T> T read(byte[] body, Class<T> type) {
    requireBody(body);
    try {
      if (!mapper.readTree(body).isObject()) {
        throw malformed("The request body must be a JSON object.");
      }
      return mapper.readValue(body, type);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  public byte[] write(Object value) {
    return mapper.writeValueAsBytes(value);
  }

  private static void requireBody(byte[] body) {
    if (body == null || body.length == 0) {
      throw malformed("The request body is missing; send a JSON object.");
    }
  }

  private RuntimeException translate(JacksonException e) {
    String field = field(e.getPath());
    if (e instanceof UnrecognizedPropertyException u) {
      String name = names.name(u.getPropertyName(), "(an unknown field)");
      return new ApiException(ApiProblem.field(ProblemType.BAD_REQUEST, "The request body names a field that does not exist here.", name,
          "unknown-field", "There is no field '" + name + "' in this request."));
    }
    if (e instanceof MismatchedInputException && field != null) {
      return ApiException.invalid(field, "format", "This field has the wrong type or format; see the API description.");
    }
    if (e instanceof StreamConstraintsException) {
      return malformed("The request body is nested too deeply, or has a name or number that is too long.");
    }
    return malformed("The request body is not valid JSON" + (e.getMessage() != null && e.getMessage().contains("Duplicate")
        ? ": a field appears twice." : "."));
  }

  private String field(List<JacksonException.Reference> path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    String name = path.get(0).getPropertyName();
    return name != null && names.echoable(name) ? name : null;
  }

  private static ApiException malformed(String detail) {
    return new ApiException(ApiProblem.of(ProblemType.MALFORMED_BODY, detail));
  }
}
