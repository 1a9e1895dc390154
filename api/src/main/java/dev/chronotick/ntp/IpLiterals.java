package dev.chronotick.ntp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Recognises IPv4 and IPv6 literals so they are turned into addresses without any DNS lookup. */
final class IpLiterals {
  private IpLiterals() {}

  /**
   * The address for an IP literal, or null when {@code host} is a name (or not a valid literal).
   */
  static InetAddress parse(String host) {
    if (host.indexOf(':') >= 0) {
      // In brackets the JDK accepts only an IPv6 literal and fails without a DNS query otherwise.
      try {
        return InetAddress.getByName(host.startsWith("[") ? host : "[" + host + "]");
      } catch (UnknownHostException | SecurityException e) {
        return null;
      }
    }
    byte[] v4 = parseIpv4(host);
    if (v4 == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** True when {@code host} looks like an IP literal (so it must never be sent to DNS). */
  static boolean looksLikeLiteral(String host) {
    return host.indexOf(':') >= 0 || parseIpv4(host) != null;
  }

  private static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }
}
