package io.steward.api.limits;

import io.steward.api.json.ApiJson;
import io.steward.api.problems.ApiProblem;
import io.steward.api.problems.ProblemResponses;
import io.steward.api.problems.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies over 1 MiB before they are read whole: a declared {@code Content-Length} over the
 * limit is answered 413 at once; a chunked body is read through a stream that fails as soon as it passes the
 * limit, which the problem handler answers with the same 413.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private final ApiJson json;

  public BodySizeLimitFilter(ApiJson json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > BodyTooLargeException.LIMIT) {
      ApiProblem p = ApiProblem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + BodyTooLargeException.LIMIT_TEXT + ".");
      response.setStatus(p.type().status().value());
      response.setHeader("Connection", "close");
      response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
      response.getOutputStream().write(json.write(p.body(ProblemResponses.requestId(request))));
      return;
    }
    chain.doFilter(new Limited(request), response);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private ServletInputStream stream;

    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream());
      }
      return stream;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private long count;

    LimitedStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      count += n;
      if (count > BodyTooLargeException.LIMIT) {
        throw new BodyTooLargeException();
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
