package dev.chronotick.source;

import java.util.Locale;

/** Where the true time comes from; the {@code source} option names one, or {@code auto}. */
public enum SourceKind {
  /** The host's ClockBound daemon's segment (bounds on the system clock chrony disciplines). */
  CLOCKBOUND,
  /** A running chronyd, asked over its command port. */
  CHRONY,
  /** The ChronoTick host segment another JVM of this host publishes. */
  HOST,
  /** NTP servers queried by this JVM. */
  NTP;

  /** The option value naming this kind. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind an option value names, or null for {@code auto} (or anything else). */
  public static SourceKind ofOption(String value) {
    if (value == null) {
      return null;
    }
    for (SourceKind k : values()) {
      if (k.optionName().equalsIgnoreCase(value.trim())) {
        return k;
      }
    }
    return null;
  }
}
