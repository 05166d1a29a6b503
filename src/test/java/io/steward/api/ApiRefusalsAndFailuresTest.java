package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.when;

import io.steward.guard.Confidence;
import io.steward.guard.Detection;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.testsupport.TestUsers.TestUser;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A never-keep refusal names the field and the detector, and a server error gives a request id; neither carries
 * the value, in the answer or the log. The guard is stubbed to refuse a marked card number, so this does not
 * depend on which detectors the guard module ships.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(ApiRefusalsAndFailuresTest.FailingController.class)
class ApiRefusalsAndFailuresTest extends ApiTestBase {

  static final String CARD = "4111111111111111";

  @MockitoBean ProhibitedDataGuard guard;

  @RestController
  static class FailingController {
    @GetMapping("/api/v1/test-failure")
    String fail() {
      throw new IllegalStateException("failed while handling " + CARD + " <script>alert(1)</script>");
    }
  }

  @BeforeEach
  void stubGuard() {
    when(guard.inspect(anyString())).thenReturn(Optional.empty());
    when(guard.inspect(contains(CARD))).thenReturn(Optional.of(new Detection("card-number", Confidence.values()[0],
        "Card numbers are never kept. Store your payment processor's token instead.")));
  }

  @Test
  void refusedValueNamesFieldAndDetectorButNotTheValue(CapturedOutput output) {
    TestUser sales = users.withRole("sales");
    Reply r = post("/api/v1/contacts", sales, map("firstName", "Ada", "lastName", "Example", "jobTitle", "card " + CARD));
    JsonNode p = r.problem(422, "prohibited-value");
    assertThat(p.path("field").asString()).isEqualTo("jobTitle");
    assertThat(p.path("detector").asString()).isEqualTo("card-number");
    assertThat(r.body()).doesNotContain(CARD);
    assertThat(output.getAll()).doesNotContain(CARD);
  }

  @Test
  void refusedValueInAGrantReasonIsNotKept(CapturedOutput output) {
    TestUser admin = users.withRole("admin");
    Reply r = post("/api/v1/users/" + admin.id() + "/grants", admin, map("role", "sales", "reason", "paid with " + CARD));
    assertThat(r.problem(422, "prohibited-value").path("field").asString()).isEqualTo("reason");
    assertThat(r.body()).doesNotContain(CARD);
    assertThat(output.getAll()).doesNotContain(CARD);
  }

  @Test
  void serverErrorIsGenericWithARequestIdAndLogsNoMessage(CapturedOutput output) {
    TestUser sales = users.withRole("sales");
    Reply r = get("/api/v1/test-failure", sales);
    JsonNode p = r.problem(500, "internal-error");
    assertThat(p.path("requestId").asString()).isNotBlank();
    assertThat(r.body()).doesNotContain(CARD).doesNotContain("script").doesNotContain("IllegalStateException").doesNotContain("at io.");
    assertThat(output.getAll()).contains(p.path("requestId").asString()).contains("IllegalStateException");
    assertThat(output.getAll()).doesNotContain(CARD).doesNotContain("<script>");
  }
}
