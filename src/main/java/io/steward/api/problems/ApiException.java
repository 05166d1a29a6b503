package io.steward.api.problems;

/** Thrown by the API shell to answer with a problem; carries no request content, so it is safe to log. */
public class ApiException extends RuntimeException {

  private final transient ApiProblem problem;

  public ApiException(ApiProblem problem) {
    super(problem.type().slug() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public static ApiException notFound(String detail) {
    return new ApiException(ApiProblem.of(ProblemType.NOT_FOUND, detail));
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(ApiProblem.of(ProblemType.FORBIDDEN, detail));
  }

  public static ApiException badParameter(String param, String code, String message) {
    return new ApiException(ApiProblem.field(ProblemType.BAD_REQUEST, "A query parameter or header is not valid; see errors.", param, code,
        message));
  }

  public static ApiException invalid(String field, String code, String message) {
    return new ApiException(ApiProblem.field(ProblemType.VALIDATION_FAILED, "Some fields are not valid; see errors.", field, code, message));
  }

  public ApiProblem problem() {
    return problem;
  }
}
