package io.steward.audit.web;

import io.steward.audit.ResponseBarrier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request a {@link ResponseBarrier} and makes its response wait for the audit commits queued on it before
 * anything leaves: before the first byte of the body, before a flush, an error or a redirect, and at the end of the
 * request. Runs before every other filter, so no other filter's response reaches the client around it.
 */
public class ResponseBarrierFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ResponseBarrier barrier = ResponseBarrier.open();
    boolean answered = false;
    try {
      chain.doFilter(request, new Waiting(response, barrier));
      barrier.awaitAll();
      answered = true;
    } finally {
      if (!answered) {
        awaitQuietly(barrier); // the request failed: its reads still commit, and the monitor should still see them
      }
      barrier.close();
    }
  }

  private static void awaitQuietly(ResponseBarrier barrier) {
    try {
      barrier.awaitAll();
    } catch (RuntimeException e) {
      // the request's own failure is the one that propagates
    }
  }

  /** The response, waiting for the barrier before it commits anything. */
  static final class Waiting extends HttpServletResponseWrapper {
    private final ResponseBarrier barrier;
    private ServletOutputStream out;
    private PrintWriter writer;

    Waiting(HttpServletResponse response, ResponseBarrier barrier) {
      super(response);
      this.barrier = barrier;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (out == null) {
        out = new WaitingStream(super.getOutputStream(), barrier);
      }
      return out;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        writer = new PrintWriter(new WaitingWriter(super.getWriter(), barrier));
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      barrier.awaitAll();
      super.flushBuffer();
    }

    @Override
    public void sendError(int sc) throws IOException {
      barrier.awaitAll();
      super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      barrier.awaitAll();
      super.sendError(sc, msg);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      barrier.awaitAll();
      super.sendRedirect(location);
    }
  }

  /** The response's writer, waiting before each write or flush. */
  static final class WaitingWriter extends FilterWriter {
    private final ResponseBarrier barrier;

    WaitingWriter(Writer target, ResponseBarrier barrier) {
      super(target);
      this.barrier = barrier;
    }

    @Override
    public void write(int c) throws IOException {
      barrier.awaitAll();
      super.write(c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      barrier.awaitAll();
      super.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      barrier.awaitAll();
      super.write(str, off, len);
    }

    @Override
    public void flush() throws IOException {
      barrier.awaitAll();
      super.flush();
    }

    @Override
    public void close() throws IOException {
      barrier.awaitAll();
      super.close();
    }
  }

  /** Waits before each write or flush (at once when nothing is queued). */
  static final class WaitingStream extends ServletOutputStream {
    private final ServletOutputStream target;
    private final ResponseBarrier barrier;

    WaitingStream(ServletOutputStream target, ResponseBarrier barrier) {
      this.target = target;
      this.barrier = barrier;
    }

    @Override
    public void write(int b) throws IOException {
      barrier.awaitAll();
      target.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      barrier.awaitAll();
      target.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      barrier.awaitAll();
      target.flush();
    }

    @Override
    public void close() throws IOException {
      barrier.awaitAll();
      target.close();
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }
}
