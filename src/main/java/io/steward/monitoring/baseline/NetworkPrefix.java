package io.steward.monitoring.baseline;

/** The network an address belongs to, as the monitor compares them: its /24 for IPv4, its /48 for IPv6. */
public final class NetworkPrefix {

  private NetworkPrefix() {}

  public static String of(String ip) {
    if (ip == null || ip.isBlank()) {
      return null;
    }
    String a = ip.strip();
    if (a.indexOf(':') < 0) {
      int last = a.lastIndexOf('.');
      return last < 0 ? a : a.substring(0, last) + ".0/24";
    }
    if (a.startsWith("::ffff:") && a.indexOf('.') > 0) {
      return of(a.substring(7));
    }
    try {
      byte[] b = java.net.InetAddress.getByName(a.startsWith("[") ? a.substring(1, a.length() - 1) : a).getAddress();
      return String.format("%x:%x:%x::/48", ((b[0] & 0xff) << 8) | (b[1] & 0xff), ((b[2] & 0xff) << 8) | (b[3] & 0xff),
          ((b[4] & 0xff) << 8) | (b[5] & 0xff));
    } catch (java.net.UnknownHostException | ArrayIndexOutOfBoundsException e) {
      return a;
    }
  }
}
