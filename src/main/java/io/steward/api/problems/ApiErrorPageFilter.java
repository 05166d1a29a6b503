package io.steward.api.problems;

import io.steward.api.json.ApiJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors raised outside Spring MVC for an API address (the security firewall refusing a URL, a filter calling
 * sendError) are forwarded by the container to the error page, whose default body repeats the request path.
 * For API addresses this answers the error dispatch with a problem instead, naming nothing from the request.
 */
public class ApiErrorPageFilter extends OncePerRequestFilter {

  private final ApiJson json;

  public ApiErrorPageFilter(ApiJson json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return !(uri instanceof String s) || !s.substring(Math.min(s.length(), request.getContextPath().length())).startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    ApiProblem p = ApiProblem.of(typeFor(status), detailFor(status));
    response.setStatus(status);
    response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
    response.getOutputStream().write(json.write(p.body(ProblemResponses.requestId(request))));
  }

  static ProblemType typeFor(int status) {
    for (ProblemType t : ProblemType.values()) {
      if (t.status().value() == status && t != ProblemType.MALFORMED_BODY && t != ProblemType.PROHIBITED_VALUE) {
        return t;
      }
    }
    return status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
  }

  private static String detailFor(int status) {
    return switch (status) {
      case 400 -> "The request was refused: its address, headers or body could not be accepted.";
      case 401 -> "Send a valid, unexpired API token as 'Authorization: Bearer stw_…'.";
      case 403 -> "Your roles do not allow this.";
      case 404 -> "There is nothing at this address.";
      case 413 -> "The request body is too large.";
      default -> status >= 500 ? "Something went wrong on our side; quote the request id if you report this."
          : "The request could not be accepted.";
    };
  }
}
