package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an attacker probing the browser UI finds: strict headers, CSRF on every form, escaped output, quiet errors. */
class BrowserSecurityTest extends AppTestBase {

  @Test
  void pagesCarryStrictSecurityHeaders() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body()).doesNotContain("<script>").doesNotContain("onclick=");
  }

  @Test
  void formPostWithoutCsrfTokenIsRefused() {
    var admin = users.withRole("admin");
    WebSession browser = users.signedIn(url(""), admin);

    WebSession.Page page = browser.post("/o/contacts", Map.of("_csrf", "forged", "f.firstName", "Mallory", "f.lastName", "Forged"));

    assertThat(page.status()).isEqualTo(403);
  }

  @Test
  void scriptInAFieldIsShownAsText() {
    var admin = users.withRole("admin");
    WebSession browser = users.signedIn(url(""), admin);
    browser.get("/o/companies/new");

    WebSession.Page created = browser.post("/o/companies", Map.of("f.name", "<img src=x onerror=alert(1)>"));
    WebSession.Page detail = browser.get(created.location().replace(url(""), ""));

    assertThat(detail.body()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void unknownRecordIsANotFoundPageWithoutDetails() {
    var admin = users.withRole("admin");
    WebSession browser = users.signedIn(url(""), admin);

    WebSession.Page page = browser.get("/o/contacts/00000000-0000-0000-0000-000000000001");

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("nothing here").doesNotContain("Exception");
  }

  @Test
  void refusedCardNumberIsNotEchoedInTheForm() {
    var admin = users.withRole("admin");
    WebSession browser = users.signedIn(url(""), admin);
    browser.get("/o/contacts/new");

    WebSession.Page page = browser.post("/o/contacts",
        Map.of("f.firstName", "Ada", "f.lastName", "Example", "f.jobTitle", "card 4111 1111 1111 1111 exp 12/29"));

    assertThat(page.status()).isEqualTo(422);
    assertThat(page.body()).contains("payment card").doesNotContain("4111 1111").doesNotContain("4111111111111111");
  }

  @Test
  void signedOutVisitorIsSentToSignIn() {
    WebSession browser = new WebSession(url(""));
    WebSession.Page page = browser.get("/o/contacts");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login");
  }
}
