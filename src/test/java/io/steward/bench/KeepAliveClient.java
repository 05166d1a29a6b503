package io.steward.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection for one load client: writes a GET, reads the status, headers and body. A few
 * microseconds of CPU per request, so the driver takes little of the machine it measures (the JDK's HttpClient
 * took about as much CPU per request as the server's database). Plain HTTP to loopback only.
 */
final class KeepAliveClient implements Closeable {

  private final InetSocketAddress address;
  private final byte[] headers;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveClient(URI base, String token) {
    this.address = new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort());
    this.headers = (" HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends a GET and reads the whole response; returns the status. Reconnects once if the server closed the connection. */
  int get(String path) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        open();
        out.write("GET ".getBytes(StandardCharsets.US_ASCII));
        out.write(path.getBytes(StandardCharsets.US_ASCII));
        out.write(headers);
        out.flush();
        return readResponse();
      } catch (IOException e) {
        close();
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }

  private void open() throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(address, 5000);
      socket.setSoTimeout(60_000);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = new BufferedOutputStream(socket.getOutputStream(), 4096);
    }
  }

  private int readResponse() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0; size = Long.parseLong(line().split(";")[0].strip(), 16)) {
        skip(size);
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (length >= 0) {
      skip(length);
    } else {
      close = true; // body until the connection ends
      while (in.read() >= 0) {
        // drain
      }
    }
    if (close) {
      close();
    }
    return code;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("Response ended early");
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }

  private final ByteArrayOutputStream lineBuffer = new ByteArrayOutputStream(256);

  private String line() throws IOException {
    lineBuffer.reset();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("Connection closed");
      }
      if (b != '\r') {
        lineBuffer.write(b);
      }
    }
    return lineBuffer.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
  }
}
