package io.steward.api.problems;

import io.steward.access.AccessRequestException;
import io.steward.api.limits.BodyTooLargeException;
import io.steward.records.ForbiddenException;
import io.steward.records.InvalidRecordException;
import io.steward.records.ProhibitedValueException;
import io.steward.records.RecordConflictException;
import io.steward.records.RecordNotFoundException;
import io.steward.schema.UnknownObjectTypeException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns any exception into the problem the client sees. Messages are taken only from Steward's own exceptions,
 * whose texts are written never to contain a submitted value; framework and library messages (Jackson's echo
 * the input) are never used. Anything unrecognised is a 500 with a generic message.
 */
@Component
public class Problems {

  public ApiProblem from(Throwable ex) {
    if (causedBy(ex, BodyTooLargeException.class) || ex instanceof MaxUploadSizeExceededException) {
      return ApiProblem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + BodyTooLargeException.LIMIT_TEXT + ".");
    }
    if (ex instanceof ApiException a) {
      return a.problem();
    }
    if (ex instanceof RecordNotFoundException || ex instanceof UnknownObjectTypeException) {
      return ApiProblem.of(ProblemType.NOT_FOUND, ex instanceof RecordNotFoundException ? ex.getMessage() : UNKNOWN_COLLECTION);
    }
    if (ex instanceof io.steward.access.StepUpRequiredException) {
      return ApiProblem.of(ProblemType.STEP_UP_REQUIRED, ex.getMessage() + " An ordinary API token cannot confirm a second factor: "
          + "use a privileged token (created after a fresh second factor, at most 7 days) or the web interface.");
    }
    if (ex instanceof ForbiddenException f) {
      return ApiProblem.of(ProblemType.FORBIDDEN, f.getMessage()).with("field", f.field());
    }
    if (ex instanceof InvalidRecordException e) {
      return invalid(e);
    }
    if (ex instanceof ProhibitedValueException p) {
      return ApiProblem.of(ProblemType.PROHIBITED_VALUE, p.getMessage()).with("field", p.field()).with("detector", p.detectorId());
    }
    if (ex instanceof RecordConflictException c) {
      return ApiProblem.of(ProblemType.CONFLICT, c.getMessage()).with("currentVersion", c.currentVersion());
    }
    if (ex instanceof AccessRequestException a) {
      return ApiException.invalid(a.field(), "invalid", a.getMessage()).problem();
    }
    return framework(ex);
  }

  static final String UNKNOWN_COLLECTION = "There is no collection at this address. GET /api/v1/schema lists the object types you can use.";

  private static ApiProblem invalid(InvalidRecordException e) {
    List<ApiProblem.FieldError> errors = e.errors().stream()
        .map(x -> new ApiProblem.FieldError(x.field(), x.code(), x.message()))
        .toList();
    return e.malformed()
        ? new ApiProblem(ProblemType.BAD_REQUEST, "The request could not be understood; see errors.", errors, java.util.Map.of(), java.util.Map.of())
        : new ApiProblem(ProblemType.VALIDATION_FAILED, "Some fields are not valid; see errors.", errors, java.util.Map.of(), java.util.Map.of());
  }

  private static ApiProblem framework(Throwable ex) {
    if (ex instanceof HttpMessageNotReadableException) {
      return ApiProblem.of(ProblemType.MALFORMED_BODY, "The request body is missing or is not valid JSON.");
    }
    if (ex instanceof HttpMediaTypeNotSupportedException) {
      return ApiProblem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Send the body as JSON: 'Content-Type: application/json' (or 'application/merge-patch+json' for PATCH).");
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException) {
      return ApiProblem.of(ProblemType.NOT_ACCEPTABLE, "This API answers in JSON only; accept 'application/json'.");
    }
    if (ex instanceof HttpRequestMethodNotSupportedException m) {
      String allow = m.getSupportedHttpMethods() == null ? "" : m.getSupportedHttpMethods().stream().map(HttpMethod::name).sorted()
          .collect(Collectors.joining(", "));
      ApiProblem p = ApiProblem.of(ProblemType.METHOD_NOT_ALLOWED, "This address does not support this method"
          + (allow.isEmpty() ? "." : "; it supports " + allow + "."));
      return allow.isEmpty() ? p : p.withHeader(HttpHeaders.ALLOW, allow);
    }
    if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
      return ApiProblem.of(ProblemType.NOT_FOUND, "There is nothing at this address. See /v3/api-docs for the API's addresses.");
    }
    if (ex instanceof MissingServletRequestParameterException m) {
      return ApiException.badParameter(m.getParameterName(), "required", "This query parameter is required.").problem();
    }
    if (ex instanceof MissingRequestHeaderException m) {
      return ApiException.badParameter(m.getHeaderName(), "required", "This header is required.").problem();
    }
    if (ex instanceof MethodArgumentTypeMismatchException m) {
      return ApiException.badParameter(m.getName(), "format", "This parameter has the wrong format.").problem();
    }
    if (ex instanceof ServletRequestBindingException) {
      return ApiProblem.of(ProblemType.BAD_REQUEST, "A required parameter or header is missing or not valid.");
    }
    if (ex instanceof AuthenticationException) {
      return ApiProblem.of(ProblemType.UNAUTHENTICATED, "Send a valid, unexpired API token as 'Authorization: Bearer stw_…'.");
    }
    if (ex instanceof AccessDeniedException) {
      return ApiProblem.of(ProblemType.FORBIDDEN, "Your roles do not allow this.");
    }
    return ApiProblem.of(ProblemType.INTERNAL_ERROR,
        "Something went wrong on our side. Nothing you sent is repeated here; quote the request id if you report this.");
  }

  private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
