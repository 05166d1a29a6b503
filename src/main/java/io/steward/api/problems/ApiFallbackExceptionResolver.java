package io.steward.api.problems;

import io.steward.api.json.ApiJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors under {@code /api/} that no API controller was chosen for (an unknown address, a method or media
 * type no mapping accepts) would otherwise reach Spring Boot's generic handlers. This answers them with the
 * same problem details. Runs before the standard resolvers; leaves API controllers' errors to
 * {@link ApiExceptionHandler} and everything outside the API alone.
 */
@Component
class ApiFallbackExceptionResolver implements HandlerExceptionResolver, Ordered {

  private final ProblemResponses responses;
  private final ApiJson json;

  ApiFallbackExceptionResolver(ProblemResponses responses, ApiJson json) {
    this.responses = responses;
    this.json = json;
  }

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!isApi(request) || (handler instanceof HandlerMethod m && m.getBeanType().getPackageName().startsWith("io.steward.api"))) {
      return null;
    }
    ProblemResponses.Answer a = responses.answer(ex, request);
    try {
      response.resetBuffer();
      response.setStatus(a.problem().type().status().value());
      a.problem().headers().forEach(response::setHeader);
      response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
      response.getOutputStream().write(json.write(a.body()));
    } catch (IOException | IllegalStateException e) {
      return null;
    }
    return new ModelAndView();
  }

  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/");
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }
}
