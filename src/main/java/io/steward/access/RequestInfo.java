package io.steward.access;

/** Where a call came from, for the audit trail. */
public record RequestInfo(String ip, String userAgent, String requestId) {

  public static final RequestInfo NONE = new RequestInfo(null, null, null);

  public RequestInfo {
    userAgent = userAgent != null && userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent;
  }
}
