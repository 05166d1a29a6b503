package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.TestUsers.TestUser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Every error is an RFC 9457 problem with a stable type, and none repeats what was sent: each case submits a
 * card-number-like value or markup and asserts it is absent from the answer and from the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ApiErrorsTest extends ApiTestBase {

  static final String CARD = "4111111111111111";
  static final String SPACED_CARD = "4111 1111 1111 1111";
  static final String SCRIPT = "<script>alert(1)</script>";
  static final List<String> VALUES = List.of(CARD, SPACED_CARD, SCRIPT, "alert(1)", "<script", "%3Cscript");

  TestUser admin;
  String contactId;
  @BeforeAll
  void setUp() {
    admin = users.withRole("admin");
    contactId = post("/api/v1/contacts", admin, map("firstName", "Ada", "lastName", "Example")).text("id");
  }

  @AfterEach
  void nothingSubmittedReachedTheLog(CapturedOutput out) {
    for (String v : VALUES) {
      assertThat(out.getAll()).doesNotContain(v);
    }
  }

  private static Reply absent(Reply r) {
    for (String v : VALUES) {
      assertThat(r.body()).doesNotContain(v);
    }
    return r;
  }

  @Test
  void unknownCollectionIsNotFoundWithoutEchoingTheName() {
    absent(get("/api/v1/" + CARD, admin)).problem(404, "not-found");
    Reply r = get("/api/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E", admin); // refused by the security firewall
    assertThat(r.status()).isIn(400, 404);
    assertThat(r.headers().getContentType().toString()).startsWith("application/problem+json");
    absent(r);
  }

  @Test
  void unknownOrMalformedIdIsNotFound() {
    get("/api/v1/contacts/" + java.util.UUID.randomUUID(), admin).problem(404, "not-found");
    absent(get("/api/v1/contacts/" + CARD, admin)).problem(404, "not-found");
    absent(call(HttpMethod.PATCH, "/api/v1/contacts/" + CARD, admin, map("lastName", "X"))).problem(404, "not-found");
  }

  @Test
  void unknownAddressUnderTheApiIsAProblemToo() {
    absent(get("/api/v2/" + CARD, admin)).problem(404, "not-found");
  }

  @Test
  void malformedJsonIsABadRequestThatDoesNotQuoteTheBody() {
    absent(post("/api/v1/contacts", admin, "{\"firstName\": \"" + CARD + "\", ")).problem(400, "malformed-body");
    absent(post("/api/v1/contacts", admin, "{\"firstName\": " + SCRIPT + "}")).problem(400, "malformed-body");
    absent(post("/api/v1/contacts", admin, "[\"" + CARD + "\"]")).problem(400, "malformed-body");
    absent(post("/api/v1/contacts", admin, "{\"firstName\":\"a\",\"firstName\":\"" + CARD + "\"}")).problem(400, "malformed-body");
    absent(post("/api/v1/contacts", admin, "{\"firstName\":\"" + CARD + "\"} trailing")).problem(400, "malformed-body");
    post("/api/v1/contacts", admin, "").problem(400, "malformed-body");
  }

  @Test
  void deeplyNestedJsonIsRefused() {
    String deep = "{\"firstName\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
    post("/api/v1/contacts", admin, deep).problem(400, "malformed-body");
  }

  @Test
  void wrongContentTypeIsRefused() {
    HttpHeaders h = admin.bearer();
    h.setContentType(MediaType.TEXT_PLAIN);
    Reply r = raw(HttpMethod.POST, "/api/v1/contacts", h, "firstName=" + CARD);
    absent(r);
    r.problem(415, "unsupported-media-type");
  }

  @Test
  void unknownFieldsAreNamedWhenSafeAndDescribedOtherwise() {
    JsonNode named = post("/api/v1/contacts", admin, map("firstName", "A", "lastName", "B", "nickname", CARD)).problem(400, "bad-request");
    assertThat(named.path("errors").get(0).path("field").asString()).isEqualTo("nickname");
    assertThat(named.path("errors").get(0).path("code").asString()).isEqualTo("unknown-field");
    Reply cardKey = post("/api/v1/contacts", admin, map("firstName", "A", "lastName", "B", CARD, "x"));
    absent(cardKey);
    cardKey.problem(400, "bad-request");
    Reply scriptKey = post("/api/v1/contacts", admin, map("firstName", "A", "lastName", "B", SCRIPT, "x"));
    absent(scriptKey);
    scriptKey.problem(400, "bad-request");
  }

  @Test
  void badQueryParametersAreNamed() {
    JsonNode unknown = get("/api/v1/contacts?nickname=" + CARD, admin).problem(400, "bad-request");
    assertThat(unknown.path("errors").get(0).path("field").asString()).isEqualTo("nickname");
    absent(get("/api/v1/contacts?" + CARD + "=1", admin)).problem(400, "bad-request");
    assertThat(get("/api/v1/contacts?jobTitle=" + CARD, admin).problem(400, "bad-request").path("errors").get(0).path("field").asString())
        .isEqualTo("jobTitle");
    assertThat(get("/api/v1/contacts?size=500", admin).problem(400, "bad-request").path("errors").get(0).path("field").asString())
        .isEqualTo("size");
    absent(get("/api/v1/contacts?page=" + CARD, admin)).problem(400, "bad-request");
    assertThat(get("/api/v1/contacts?sort=birthDate", admin).problem(400, "bad-request").path("errors").get(0).path("field").asString())
        .isEqualTo("sort");
    absent(get("/api/v1/contacts?email=" + CARD, admin)).problem(400, "bad-request");
    absent(get("/api/v1/contacts?email=%3Cscript%3Ealert(1)%3C%2Fscript%3E", admin)).problem(400, "bad-request");
  }

  @Test
  void invalidValuesAreUnprocessableAndNamedButNotRepeated() {
    Reply r = post("/api/v1/contacts", admin, map("firstName", "Ada", "lastName", "Example", "email", SCRIPT, "birthDate", "31.02.<script"));
    absent(r);
    JsonNode p = r.problem(422, "validation-failed");
    assertThat(p.path("errors").findValuesAsString("field")).contains("email", "birthDate");
    assertThat(p.path("errors").get(0).path("code").asString()).isNotBlank();
    assertThat(p.path("errors").get(0).path("message").asString()).isNotBlank();

    JsonNode missing = post("/api/v1/contacts", admin, map("email", "ada@example.test")).problem(422, "validation-failed");
    assertThat(missing.path("errors").findValuesAsString("code")).contains("required");
    absent(post("/api/v1/deals", admin, map("name", "D", "stage", SCRIPT))).problem(422, "validation-failed");
  }

  @Test
  void cardNumberInAFieldIsRefusedWithoutBeingRepeated() {
    // Refused by the never-keep guard (prohibited-value) or, where a guard would let it pass, by the field's format.
    for (Map<String, Object> body : List.of(map("firstName", "Ada", "lastName", "Example", "email", CARD),
        map("firstName", "Ada", "lastName", "Example", "birthDate", SPACED_CARD))) {
      Reply r = absent(post("/api/v1/contacts", admin, body));
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.text("type")).isIn("https://steward.dev/problems/validation-failed", "https://steward.dev/problems/prohibited-value");
    }
    Reply amount = absent(post("/api/v1/deals", admin, map("name", "D", "stage", "won", "amount", CARD)));
    assertThat(amount.status()).isEqualTo(422);
  }

  @Test
  void staleVersionIsAConflict() {
    Reply r = patch("/api/v1/contacts/" + contactId, admin, map("jobTitle", "Architect"), "\"999\"");
    absent(r);
    assertThat(r.problem(409, "conflict").path("currentVersion").isNumber()).isTrue();
    absent(patch("/api/v1/contacts/" + contactId, admin, map("jobTitle", "x"), SCRIPT)).problem(400, "bad-request");
  }

  @Test
  void unsupportedMethodIsNotAllowedWithAllowHeader() {
    Reply r = call(HttpMethod.PUT, "/api/v1/contacts/" + contactId, admin, map("lastName", CARD));
    absent(r);
    r.problem(405, "method-not-allowed");
    assertThat(r.headers().getFirst(HttpHeaders.ALLOW)).contains("PATCH", "DELETE", "GET");
  }

  @Test
  void declaredOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
    String head = "POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin.token()
        + "\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n";
    String response = exchange(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response).contains("https://steward.dev/problems/payload-too-large");
  }

  @Test
  void chunkedOversizedBodyIsRefusedAfterTheLimit() throws Exception {
    String head = "POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin.token()
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = ("{\"firstName\":\"" + "a".repeat(64 * 1024)).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 18; i++) {
      body.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      body.write(chunk);
      body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String response = exchange(head.getBytes(StandardCharsets.US_ASCII), body.toByteArray());
    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response).contains("https://steward.dev/problems/payload-too-large");
  }

  @Test
  void missingPermissionIsForbidden() {
    TestUser support = users.withRole("support");
    Reply r = post("/api/v1/deals", support, map("name", CARD, "stage", "won"));
    absent(r);
    r.problem(403, "forbidden");
  }

  private String exchange(byte[] head, byte[] body) throws Exception {
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head);
      try {
        out.write(body);
        out.flush();
      } catch (java.io.IOException closedEarly) {
        // the server may answer and close before reading the rest; the answer is what matters
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      try {
        while ((n = in.read(buffer)) > 0) {
          response.write(buffer, 0, n);
          if (response.toString(StandardCharsets.UTF_8).contains("\"status\":413")) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
        // answer already read
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }
}
