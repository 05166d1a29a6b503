package io.steward.access.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.ResponseCookie;

/**
 * The session cookie (HttpOnly, SameSite=Lax, Secure behind TLS, no lifetime: ends with the browser) and the
 * device cookie (same flags, one year), which marks a browser that completed a sign-in before.
 */
public final class SessionCookie {

  public static final String NAME = "STEWARD_SESSION";
  public static final String DEVICE = "STEWARD_DEVICE";

  private SessionCookie() {}

  public static String read(HttpServletRequest request) {
    return read(request, NAME);
  }

  public static String readDevice(HttpServletRequest request) {
    return read(request, DEVICE);
  }

  static String read(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (name.equals(c.getName())) {
        return c.getValue();
      }
    }
    return null;
  }

  public static void write(HttpServletResponse response, String value, boolean secure) {
    response.addHeader("Set-Cookie",
        ResponseCookie.from(NAME, value).httpOnly(true).secure(secure).sameSite("Lax").path("/").build().toString());
  }

  public static void writeDevice(HttpServletResponse response, String value, boolean secure) {
    response.addHeader("Set-Cookie", ResponseCookie.from(DEVICE, value).httpOnly(true).secure(secure).sameSite("Lax").path("/")
        .maxAge(Duration.ofDays(365)).build().toString());
  }

  static void clear(HttpServletResponse response, boolean secure) {
    response.addHeader("Set-Cookie",
        ResponseCookie.from(NAME, "").httpOnly(true).secure(secure).sameSite("Lax").path("/").maxAge(0).build().toString());
  }
}
