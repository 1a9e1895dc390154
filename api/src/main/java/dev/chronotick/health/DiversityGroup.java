package dev.chronotick.health;

import dev.chronotick.ntp.ServerAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which "provider or network" a server belongs to, so the selector can prefer an active set spread
 * over several. The rule, from the configured text only (no DNS):
 *
 * <ul>
 *   <li>IPv4 literal: its /24 ({@code ip4:192.0.2});
 *   <li>IPv6 literal: its /48, the first three groups ({@code ip6:2001:db8:1});
 *   <li>host name: its registrable domain, the last two labels ({@code time.google.com} → {@code
 *       google.com}), or three when the second-level label is a generic one under a two-letter
 *       country code ({@code ntp.example.co.uk} → {@code example.co.uk}).
 * </ul>
 *
 * The Pool's monitor selector keeps monitors of one account / subnet apart in the same spirit.
 */
public final class DiversityGroup {
  private static final Set<String> GENERIC_SECOND_LEVEL =
      new HashSet<>(Arrays.asList("co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"));

  private DiversityGroup() {}

  /** The group key of {@code address}. */
  public static String of(ServerAddress address) {
    String host = address.host().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int[] v4 = AddressScope.Ipv4.parse(host);
    if (v4 != null) {
      return "ip4:" + v4[0] + "." + v4[1] + "." + v4[2];
    }
    if (host.indexOf(':') >= 0) {
      return "ip6:" + ipv6Prefix48(host);
    }
    String[] labels = host.split("\\.");
    if (labels.length <= 2) {
      return host;
    }
    String tld = labels[labels.length - 1];
    String second = labels[labels.length - 2];
    int keep = tld.length() == 2 && GENERIC_SECOND_LEVEL.contains(second) ? 3 : 2;
    StringBuilder sb = new StringBuilder();
    for (int i = labels.length - keep; i < labels.length; i++) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(labels[i]);
    }
    return sb.toString();
  }

  private static String ipv6Prefix48(String host) {
    int zone = host.indexOf('%');
    String h = zone >= 0 ? host.substring(0, zone) : host;
    String[] groups = new String[8];
    Arrays.fill(groups, "0");
    int gap = h.indexOf("::");
    if (gap >= 0) {
      String[] head =
          h.substring(0, gap).isEmpty() ? new String[0] : h.substring(0, gap).split(":");
      String[] tail =
          h.substring(gap + 2).isEmpty() ? new String[0] : h.substring(gap + 2).split(":");
      for (int i = 0; i < head.length && i < 8; i++) {
        groups[i] = head[i];
      }
      for (int i = 0; i < tail.length && i < 8; i++) {
        groups[8 - tail.length + i] = tail[i];
      }
    } else {
      String[] all = h.split(":");
      for (int i = 0; i < all.length && i < 8; i++) {
        groups[i] = all[i];
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      String g = groups[i].replaceFirst("^0+(?=.)", "");
      sb.append(i == 0 ? "" : ":").append(g.isEmpty() ? "0" : g);
    }
    return sb.toString();
  }
}
