package io.steward.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.audit.AuditUnavailableException;
import io.steward.audit.ResponseBarrier;
import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A response leaves only after the audit commits queued during its request, and never if one failed. */
class ResponseBarrierFilterTest {

  private final ResponseBarrierFilter filter = new ResponseBarrierFilter();
  private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/contacts/1");
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  /** A chain that queues one commit (the given wait) and then writes the body through the stream or the writer. */
  private static FilterChain queuesAndWrites(ResponseBarrier.Wait wait, boolean writer) {
    return (req, res) -> {
      ResponseBarrier.current().orElseThrow().add(wait);
      if (writer) {
        res.getWriter().write("{\"email\":\"secret@example.test\"}");
        res.getWriter().flush();
      } else {
        res.getOutputStream().write("{\"email\":\"secret@example.test\"}".getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  @Test
  void theBodyWaitsForTheQueuedCommit() throws Exception {
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch waiting = new CountDownLatch(1);
    ResponseBarrier.Wait wait = () -> {
      waiting.countDown();
      try {
        committed.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
      try {
        filter.doFilter(request, response, queuesAndWrites(wait, false));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(50);
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(response.isCommitted()).isFalse();

    committed.countDown();
    served.get(5, TimeUnit.SECONDS);
    assertThat(response.getContentAsString()).contains("secret@example.test");
  }

  @Test
  void aFailedCommitKeepsTheBodyFromLeavingThroughTheStream() {
    ResponseBarrier.Wait failing = () -> {
      throw new AuditUnavailableException("The audit events could not be committed");
    };

    assertThatThrownBy(() -> filter.doFilter(request, response, queuesAndWrites(failing, false))).isInstanceOf(AuditUnavailableException.class);
    assertThat(response.getContentAsByteArray()).isEmpty();
  }

  @Test
  void aFailedCommitKeepsTheBodyFromLeavingThroughTheWriter() {
    ResponseBarrier.Wait failing = () -> {
      throw new AuditUnavailableException("The audit events could not be committed");
    };

    assertThatThrownBy(() -> filter.doFilter(request, response, queuesAndWrites(failing, true))).isInstanceOf(AuditUnavailableException.class);
    assertThat(response.getContentAsByteArray()).isEmpty();
  }

  @Test
  void aRedirectWaitsForTheQueuedCommitToo() throws Exception {
    boolean[] awaited = {false};
    filter.doFilter(request, response, (req, res) -> {
      ResponseBarrier.current().orElseThrow().add(() -> awaited[0] = true);
      ((jakarta.servlet.http.HttpServletResponse) res).sendRedirect("/contacts");
      assertThat(awaited[0]).isTrue();
    });
    assertThat(response.getRedirectedUrl()).isEqualTo("/contacts");
  }

  @Test
  void aRequestThatFailsStillWaitsForWhatItQueued() {
    boolean[] awaited = {false};
    assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
      ResponseBarrier.current().orElseThrow().add(() -> awaited[0] = true);
      throw new IllegalStateException("the handler failed after reading");
    })).hasMessageContaining("the handler failed");

    assertThat(awaited[0]).isTrue();
    assertThat(ResponseBarrier.current()).isEmpty();
  }

  @Test
  void aCommitQueuedWithoutABodyIsAwaitedBeforeTheRequestEnds() throws Exception {
    boolean[] awaited = {false};
    filter.doFilter(request, response, (req, res) -> ResponseBarrier.current().orElseThrow().add(() -> awaited[0] = true));

    assertThat(awaited[0]).isTrue();
    assertThat(ResponseBarrier.current()).isEmpty();
  }
}
