package io.steward.api.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every exception from an API controller, Steward's own and Spring's (unreadable bodies, wrong media types,
 * binding errors), becomes a problem-details answer. Ordered first so that Spring Boot's generic problem
 * handler, whose texts can repeat request content, never answers for the API.
 */
@RestControllerAdvice(basePackages = "io.steward.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

  private final ProblemResponses responses;

  ApiExceptionHandler(ProblemResponses responses) {
    this.responses = responses;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> handle(Exception ex, HttpServletRequest request) {
    return responses.entity(ex, request);
  }
}
