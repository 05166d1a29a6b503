package io.steward.audit.siem;

import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.EventJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * RFC 5424 syslog over TCP with octet-counting framing (RFC 6587 3.4.1: "LENGTH SP MESSAGE"), optionally
 * over TLS (RFC 5425) with host name verification. Facility 13 (log audit); severity 6 for success, 4
 * otherwise. The message is the event's JSON line; seq and hash also go in structured data.
 *
 * <p>Plain syslog has no acknowledgements: before each send the connection is probed for a close by the
 * server, but bytes written just before an abrupt disconnect can still be lost. Receivers can spot such
 * a gap by seq.
 */
final class SyslogTcpSink implements SiemSink {

  /** The enterprise number reserved for documentation (RFC 5612); structured data ids need one. */
  private static final String SD_ID = "steward@32473";
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private final String host;
  private final int port;
  private final boolean tls;
  private final String hostname;
  private final String procId;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  SyslogTcpSink(String host, int port, boolean tls) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.hostname = localHostname();
    this.procId = Long.toString(ProcessHandle.current().pid());
  }

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public void send(List<ChainRow> rows) throws IOException {
    ensureConnected();
    try {
      for (ChainRow row : rows) {
        byte[] message = message(row).getBytes(StandardCharsets.UTF_8);
        out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(message);
      }
      out.flush();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  String message(ChainRow row) {
    int severity = "success".equals(row.outcome()) ? 6 : 4;
    int pri = 13 * 8 + severity;
    return "<" + pri + ">1 " + row.at() + " " + hostname + " steward " + procId + " " + msgId(row.action())
        + " [" + SD_ID + " seq=\"" + row.seq() + "\" hash=\"" + row.hash() + "\"] " + EventJson.line(row);
  }

  private void ensureConnected() throws IOException {
    if (socket != null && peerClosed()) {
      close();
    }
    if (socket == null) {
      Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
      try {
        s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        if (s instanceof SSLSocket ssl) {
          SSLParameters params = ssl.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          ssl.setSSLParameters(params);
          ssl.startHandshake();
        }
        s.setKeepAlive(true);
        s.setTcpNoDelay(true);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      socket = s;
      out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
      in = s.getInputStream();
    }
  }

  /** A syslog server never writes back, so end of stream on a short read means it closed the connection. */
  private boolean peerClosed() {
    try {
      socket.setSoTimeout(1);
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static String msgId(String action) {
    StringBuilder id = new StringBuilder();
    for (char c : action.toCharArray()) {
      if (c > 32 && c < 127 && id.length() < 32) {
        id.append(c);
      }
    }
    return id.isEmpty() ? "-" : id.toString();
  }

  private static String localHostname() {
    try {
      String name = InetAddress.getLocalHost().getHostName().replaceAll("[^!-~]", "");
      return name.isEmpty() ? "-" : name.substring(0, Math.min(255, name.length()));
    } catch (UnknownHostException e) {
      return "-";
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
      out = null;
      in = null;
    }
  }
}
