package dev.chronotick.config;

import java.util.List;
import java.util.Locale;

/**
 * Named server lists: {@code servers=preset:NAME} in any option source. The default list follows
 * each operator's published rules: no {@code pool.ntp.org} zone (the NTP Pool asks products to use
 * a vendor zone of their own), at most one packet per 2 s to one server ({@code
 * dev.chronotick.health.PublicRate}: NIST's 4 s, ntpd's rate limit), and no mix of leap-smearing
 * and stepping servers (Google advises against it) — three independent operators that serve UTC
 * with the leap indicator: NIST, PTB and Netnod.
 */
public final class ServerPresets {
  /** The default: NIST, PTB (two servers), Netnod (two servers). */
  public static final String POLITE =
      "time.nist.gov,ptbtime1.ptb.de,ptbtime2.ptb.de,sth1.ntp.se,sth2.ntp.se";

  /**
   * {@code preset:classic}: the first default list (4 Google, Cloudflare, NIST, 4 pool.ntp.org). It
   * mixes Google's smearing servers with stepping ones (a 0.5 s split around a leap second) and
   * uses the Pool's zones without a vendor zone: for those who choose it knowingly.
   */
  public static final String CLASSIC =
      "time1.google.com,time2.google.com,time3.google.com,time4.google.com,time.cloudflare.com,"
          + "time.nist.gov,0.pool.ntp.org,1.pool.ntp.org,2.pool.ntp.org,3.pool.ntp.org";

  /**
   * {@code preset:nts}: NTS servers (RFC 8915) of three independent operators that serve UTC with
   * the leap indicator, without smearing — Cloudflare (anycast), Netnod (anycast) and PTB (two
   * servers) — so that the time is authenticated end to end and no single operator outvotes the
   * rest. Opt-in, never the default: see docs/NTS.md ("Presets and the default list").
   */
  public static final String NTS =
      "nts://time.cloudflare.com,nts://nts.netnod.se,nts://ptbtime1.ptb.de,nts://ptbtime2.ptb.de";

  /** The preset names, as {@code preset:NAME} takes them. */
  public static final String NAMES = "default, classic, nts";

  static final String PREFIX = "preset:";

  private ServerPresets() {}

  /** The entries of {@code preset:NAME}, or null when {@code entry} names no preset. */
  static List<String> expand(String entry) {
    String e = entry.trim().toLowerCase(Locale.ROOT);
    if (!e.startsWith(PREFIX)) {
      return null;
    }
    switch (e.substring(PREFIX.length())) {
      case "classic":
        return List.of(CLASSIC.split(","));
      case "polite":
      case "default":
        return List.of(POLITE.split(","));
      case "nts":
        return List.of(NTS.split(","));
      default:
        throw new IllegalArgumentException(
            "unknown preset " + OptionException.quote(entry) + " — presets: " + NAMES);
    }
  }
}
