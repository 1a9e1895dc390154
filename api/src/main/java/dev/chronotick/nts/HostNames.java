package dev.chronotick.nts;

import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Host-name checks of a server certificate (RFC 6125): a DNS name against the subject alternative
 * DNS names (a wildcard only as the whole leftmost label), an IP literal against the IP addresses.
 * The common name is not used.
 */
public final class HostNames {
  private HostNames() {}

  /** True for an IPv4 or IPv6 literal. */
  public static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  /** Throws {@link CertificateException} unless {@code cert} names {@code host}. */
  public static void check(X509Certificate cert, String host) throws CertificateException {
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("unreadable subject alternative names", e);
    }
    if (sans != null) {
      boolean ip = isIpLiteral(host);
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        Object value = san.get(1);
        if (!(value instanceof String)) {
          continue;
        }
        if (ip && type == 7 && sameIp((String) value, host)) {
          return;
        }
        if (!ip && type == 2 && dnsMatches((String) value, host)) {
          return;
        }
      }
    }
    throw new CertificateException("No subject alternative name matching host name " + host);
  }

  static boolean dnsMatches(String pattern, String host) {
    String p = strip(pattern.toLowerCase(Locale.ROOT));
    String h = strip(host.toLowerCase(Locale.ROOT));
    if (p.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot + 1).equals(p.substring(2)) && p.indexOf('.', 2) > 0;
    }
    return p.equals(h);
  }

  private static String strip(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean sameIp(String a, String b) {
    try {
      // both are literals: no name lookup happens
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
