package io.steward.web;

import io.steward.access.Principal;
import io.steward.access.CurrentPrincipal;
import io.steward.access.SecondFactors;
import io.steward.access.StepUpRequiredException;
import java.util.ArrayList;
import java.util.List;
import io.steward.records.ForbiddenException;
import io.steward.records.InvalidRecordException;
import io.steward.records.RecordNotFoundException;
import io.steward.schema.SchemaAccessDeniedException;
import io.steward.schema.UnknownObjectTypeException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Error pages for the browser UI. They say what happened and what to do, never an exception message from
 * below, a stack trace or a submitted value.
 */
@Controller
@ControllerAdvice(basePackages = "io.steward.web")
class WebErrors implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(WebErrors.class);
  private final WebPages pages;
  private final SecondFactors factors;

  WebErrors(WebPages pages, SecondFactors factors) {
    this.pages = pages;
    this.factors = factors;
  }

  // Exception handlers cannot take a Model: they build a ModelAndView.

  @ExceptionHandler({RecordNotFoundException.class, UnknownObjectTypeException.class})
  ModelAndView notFound(HttpServletRequest request, HttpServletResponse response) {
    return view(request, response, 404, "Not found", "There is nothing here, or it is not yours to see.");
  }

  @ExceptionHandler({ForbiddenException.class, SchemaAccessDeniedException.class})
  ModelAndView forbidden(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
    return view(request, response, 403, "Not allowed", e.getMessage());
  }

  @ExceptionHandler(InvalidRecordException.class)
  ModelAndView invalid(InvalidRecordException e, HttpServletRequest request, HttpServletResponse response) {
    return view(request, response, 400, "Cannot do that", e.getMessage());
  }

  /**
   * A risky action needs a fresh second factor: ask for it inline. The prompt re-posts every field of the
   * original form to the original address, with the code, so nothing typed is lost and the action runs once.
   */
  @ExceptionHandler(StepUpRequiredException.class)
  ModelAndView stepUp(StepUpRequiredException e, HttpServletRequest request, HttpServletResponse response) {
    Principal p = CurrentPrincipal.get().orElse(null);
    if (p == null || !"POST".equals(request.getMethod())) {
      return view(request, response, 403, "Confirm it is you", e.getMessage() + " Start again from the page you came from.");
    }
    PageModel page = pages.page(p, request, "Confirm it is you", "");
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    fields.add(Map.entry(page.csrfParam(), page.csrfToken()));
    request.getParameterMap().forEach((name, values) -> {
      if (!name.equals(page.csrfParam()) && !name.equals("_stepup_code")) {
        for (String v : values) {
          fields.add(Map.entry(name, v));
        }
      }
    });
    response.setStatus(403);
    return StepUpPages.prompt(page, e.getMessage(), request.getRequestURI(), fields, request, factors.status(p.userId()));
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
    if (e instanceof org.springframework.security.access.AccessDeniedException
        || e instanceof org.springframework.security.core.AuthenticationException) {
      throw e; // Spring Security answers these (sign-in redirect, 403)
    }
    String id = io.steward.access.RequestInfos.of(request).requestId();
    log.error("Unexpected error in request {} ({})", id, e.getClass().getName());
    return view(request, response, 500, "Something went wrong",
        "Steward could not complete this. If it happens again, give your administrator this reference: " + id);
  }

  private ModelAndView view(HttpServletRequest request, HttpServletResponse response, int status, String title, String message) {
    Map<String, Object> model = new java.util.HashMap<>();
    String name = page(request, response, model, status, title, message);
    return new ModelAndView(name, model);
  }

  @RequestMapping("/error")
  String error(HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    String message = switch (status) {
      case 404 -> "There is nothing here.";
      case 403 -> "You are not allowed to do this.";
      case 413 -> "What you sent is too large.";
      case 400 -> "The request could not be understood.";
      default -> "Something went wrong.";
    };
    return page(request, response, model, status, status == 404 ? "Not found" : "Error", message);
  }

  private String page(HttpServletRequest request, HttpServletResponse response, Map<String, Object> model, int status, String title,
      String message) {
    response.setStatus(status);
    Principal p = CurrentPrincipal.get().orElse(null);
    model.put("page", pages.page(p, request, title, ""));
    model.put("status", status);
    model.put("message", message);
    return "error";
  }
}
