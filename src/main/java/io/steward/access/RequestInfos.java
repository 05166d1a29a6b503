package io.steward.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/** Reads who-is-calling-from-where out of a request. Forwarded headers are honoured only when Spring trusts them. */
public final class RequestInfos {

  public static final String REQUEST_ID = "steward.requestId";

  private RequestInfos() {}

  public static RequestInfo of(HttpServletRequest request) {
    Object id = request.getAttribute(REQUEST_ID);
    if (id == null) {
      id = UUID.randomUUID().toString();
      request.setAttribute(REQUEST_ID, id);
    }
    return new RequestInfo(request.getRemoteAddr(), request.getHeader("User-Agent"), id.toString());
  }
}
