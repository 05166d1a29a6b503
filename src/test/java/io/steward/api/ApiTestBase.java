package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers.TestUser;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP helpers for API tests: JSON in, raw text and parsed JSON out, so tests can assert on both. */
public abstract class ApiTestBase extends AppTestBase {

  protected static final JsonMapper JSON = JsonMapper.builder().build();

  /** A response as the client saw it. */
  public record Reply(int status, HttpHeaders headers, String body) {
    public JsonNode json() {
      return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
    }

    public String text(String field) {
      return json().path(field).asString();
    }

    /** Asserts an RFC 9457 problem with the given status and type slug. */
    public JsonNode problem(int expectedStatus, String slug) {
      assertThat(status).as(body).isEqualTo(expectedStatus);
      assertThat(headers.getContentType()).as(body).isNotNull();
      assertThat(headers.getContentType().toString()).startsWith("application/problem+json");
      JsonNode p = json();
      assertThat(p.path("type").asString()).isEqualTo("https://steward.dev/problems/" + slug);
      assertThat(p.path("status").asInt()).isEqualTo(expectedStatus);
      assertThat(p.path("title").asString()).isNotBlank();
      assertThat(p.path("detail").asString()).isNotBlank();
      return p;
    }
  }

  protected Reply call(HttpMethod method, String path, TestUser user, Object body) {
    HttpHeaders headers = user == null ? new HttpHeaders() : user.bearer();
    String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    if (text != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return raw(method, path, headers, text);
  }

  protected Reply raw(HttpMethod method, String path, HttpHeaders headers, String body) {
    ResponseEntity<String> r = http.exchange(url(path), method, new HttpEntity<>(body, headers), String.class);
    return new Reply(r.getStatusCode().value(), r.getHeaders(), r.getBody());
  }

  protected Reply get(String path, TestUser user) {
    return call(HttpMethod.GET, path, user, null);
  }

  protected Reply post(String path, TestUser user, Object body) {
    return call(HttpMethod.POST, path, user, body);
  }

  protected Reply patch(String path, TestUser user, Object body, String ifMatch) {
    HttpHeaders headers = user.bearer();
    headers.setContentType(MediaType.parseMediaType("application/merge-patch+json"));
    if (ifMatch != null) {
      headers.set(HttpHeaders.IF_MATCH, ifMatch);
    }
    return raw(HttpMethod.PATCH, path, headers, JSON.writeValueAsString(body));
  }

  protected Reply delete(String path, TestUser user) {
    return call(HttpMethod.DELETE, path, user, null);
  }

  protected static Map<String, Object> map(Object... keysAndValues) {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
