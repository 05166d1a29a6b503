package io.steward.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies, does not follow redirects, and sends the CSRF token of the last page
 * it read with every form. For HTTP-level sign-in tests where a real Chromium would only add time.
 */
public final class WebSession {

  private static final Pattern CSRF = Pattern.compile("name=\"(?:_csrf|csrf-token)\" (?:value|content)=\"([^\"]+)\"");

  public record Page(int status, String body, String location) {
    public boolean redirectsTo(String path) {
      return location != null && (location.equals(path) || location.endsWith(path));
    }
  }

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private String csrf;

  public WebSession(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Page post(String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.putIfAbsent("_csrf", csrf);
    }
    String body = all.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts the sign-in form (reading the sign-in page first for its CSRF token). */
  public Page signIn(String email, String password) {
    get("/login");
    return post("/login", Map.of("email", email, "password", password));
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst()
        .orElse(null);
  }

  public void forget(String cookieName) {
    cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(cookieName)).toList()
        .forEach(c -> cookies.getCookieStore().remove(null, c));
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> res = http.send(request.header("User-Agent", "WebSession/1.0 (test)").build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(res.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return new Page(res.statusCode(), res.body(), res.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
