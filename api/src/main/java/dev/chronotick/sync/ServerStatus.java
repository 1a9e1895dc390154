package dev.chronotick.sync;

/** A server's part in one round, as in {@code chronyc sources}' state column. */
public enum ServerStatus {
  /** The best survivor: the system peer. */
  SELECTED,
  /** A survivor of falseticker rejection that was combined into the offset. */
  COMBINED,
  /** Replied, but its interval did not agree with the majority. */
  FALSETICKER,
  /** Replied, but every sample failed validation or a quality threshold (see reason). */
  REJECTED,
  /** No reply to any sample within the timeout. */
  TIMEOUT;

  /** Lower-case name used in JSON and tables. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
