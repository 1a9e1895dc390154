package dev.chronotick.health;

import java.util.Locale;

/** A configured server's place in the pool, as the NTP Pool's monitor selector names them. */
public enum ServerState {
  /** Polled every round; its samples feed the clock. */
  ACTIVE,
  /** Probed about one round in five so its score stays current; a challenger for the active set. */
  TESTING,
  /** Told us to go away (KoD DENY / RSTR): no traffic is sent to it any more. */
  DROPPED;

  /** Lower-case name used in JSON and tables: {@code active}, {@code testing}, {@code dropped}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
