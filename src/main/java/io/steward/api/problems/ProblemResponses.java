package io.steward.api.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Builds the response for a problem and logs it: server errors at ERROR with the request id and the exception
 * classes (never messages), client errors at DEBUG with the problem type only.
 */
@Component
public class ProblemResponses {

  /** The request attribute under which the access module keeps the id it also writes to the audit trail. */
  static final String REQUEST_ID = io.steward.access.RequestInfos.REQUEST_ID;
  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  private final Problems problems;

  public ProblemResponses(Problems problems) {
    this.problems = problems;
  }

  public record Answer(ApiProblem problem, Map<String, Object> body) {}

  public Answer answer(Throwable ex, HttpServletRequest request) {
    ApiProblem problem = problems.from(ex);
    String requestId = requestId(request);
    if (problem.type().status().is5xxServerError()) {
      log.error("API request {} failed: {}", requestId, SafeThrowables.describe(ex));
    } else if (log.isDebugEnabled()) {
      log.debug("API request {} answered {} ({})", requestId, problem.type().status().value(), problem.type().slug());
    }
    return new Answer(problem, problem.body(requestId));
  }

  public ResponseEntity<Map<String, Object>> entity(Throwable ex, HttpServletRequest request) {
    Answer a = answer(ex, request);
    HttpHeaders headers = new HttpHeaders();
    a.problem().headers().forEach(headers::set);
    headers.setContentType(PROBLEM_JSON);
    return ResponseEntity.status(a.problem().type().status()).headers(headers).body(a.body());
  }

  public static String requestId(HttpServletRequest request) {
    Object id = request.getAttribute(REQUEST_ID);
    if (id == null) {
      id = UUID.randomUUID().toString();
      request.setAttribute(REQUEST_ID, id);
    }
    return id.toString();
  }
}
