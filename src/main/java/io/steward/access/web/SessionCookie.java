package io.steward.access.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

/** The session cookie: HttpOnly, SameSite=Lax, Secure behind TLS, no lifetime (ends with the browser). */
final class SessionCookie {

  static final String NAME = "STEWARD_SESSION";

  private SessionCookie() {}

  static String read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (NAME.equals(c.getName())) {
        return c.getValue();
      }
    }
    return null;
  }

  static void write(HttpServletResponse response, String value, boolean secure) {
    response.addHeader("Set-Cookie",
        ResponseCookie.from(NAME, value).httpOnly(true).secure(secure).sameSite("Lax").path("/").build().toString());
  }

  static void clear(HttpServletResponse response, boolean secure) {
    response.addHeader("Set-Cookie",
        ResponseCookie.from(NAME, "").httpOnly(true).secure(secure).sameSite("Lax").path("/").maxAge(0).build().toString());
  }
}
