package dev.chronotick.health;

import dev.chronotick.ntp.ServerAddress;
import java.util.Locale;

/**
 * Where a server lives, judged from its configured text alone (no DNS lookup): loopback, private
 * (RFC 1918, link-local, CGNAT, IPv6 ULA / link-local) or public. Host names other than {@code
 * localhost} count as public: a name may resolve to anyone's server, so the polite limits apply to
 * it.
 */
public enum AddressScope {
  LOOPBACK,
  PRIVATE,
  PUBLIC;

  /** True when the NTP Pool's politeness limits apply. */
  public boolean isPublic() {
    return this == PUBLIC;
  }

  /** Classifies {@code address} by its literal host text. */
  public static AddressScope of(ServerAddress address) {
    String host = address.host().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return LOOPBACK;
    }
    int[] v4 = Ipv4.parse(host);
    if (v4 != null) {
      return ofIpv4(v4);
    }
    if (host.indexOf(':') >= 0) {
      return ofIpv6(host);
    }
    return PUBLIC;
  }

  private static AddressScope ofIpv4(int[] b) {
    if (b[0] == 127) {
      return LOOPBACK;
    }
    if (b[0] == 10
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)) {
      return PRIVATE;
    }
    return PUBLIC;
  }

  private static AddressScope ofIpv6(String host) {
    int zone = host.indexOf('%');
    String h = zone >= 0 ? host.substring(0, zone) : host;
    if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return LOOPBACK;
    }
    if (h.startsWith("::ffff:")) {
      int[] v4 = Ipv4.parse(h.substring(7));
      return v4 == null ? PUBLIC : ofIpv4(v4);
    }
    if (h.startsWith("fc")
        || h.startsWith("fd")
        || h.startsWith("fe8")
        || h.startsWith("fe9")
        || h.startsWith("fea")
        || h.startsWith("feb")) {
      return PRIVATE;
    }
    return PUBLIC;
  }

  /** Dotted-quad parsing without any name resolution. */
  static final class Ipv4 {
    private Ipv4() {}

    /** The four octets, or null if {@code text} is not a dotted-quad IPv4 literal. */
    static int[] parse(String text) {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        return null;
      }
      int[] out = new int[4];
      for (int i = 0; i < 4; i++) {
        String p = parts[i];
        if (p.isEmpty() || p.length() > 3) {
          return null;
        }
        for (int j = 0; j < p.length(); j++) {
          if (p.charAt(j) < '0' || p.charAt(j) > '9') {
            return null;
          }
        }
        int v = Integer.parseInt(p);
        if (v > 255) {
          return null;
        }
        out[i] = v;
      }
      return out;
    }
  }
}
