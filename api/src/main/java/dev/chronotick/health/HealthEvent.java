package dev.chronotick.health;

import dev.chronotick.ntp.ServerAddress;
import java.util.Objects;

/**
 * Something about a server's health worth one log line: a state change (active / testing /
 * dropped), a KoD RATE slow-down, or the pool running out of usable servers. The tracker emits each
 * once; the collector drains and logs them.
 */
public final class HealthEvent {
  /** What happened. */
  public enum Kind {
    /** The server moved from {@link #from()} to {@link #to()}. */
    STATE_CHANGED,
    /** KoD RATE: the server's poll interval was multiplied (see {@link #reason()}). */
    RATE_LIMITED,
    /**
     * No configured server may be polled any more (all dropped); {@link #server()} is the last one
     * dropped.
     */
    NO_USABLE_SERVERS
  }

  private final Kind kind;
  private final ServerAddress server;
  private final ServerState from;
  private final ServerState to;
  private final String reason;
  private final long atTicker;

  public HealthEvent(
      Kind kind,
      ServerAddress server,
      ServerState from,
      ServerState to,
      String reason,
      long atTicker) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.server = Objects.requireNonNull(server, "server");
    this.from = from;
    this.to = to;
    this.reason = reason == null ? "" : reason;
    this.atTicker = atTicker;
  }

  public Kind kind() {
    return kind;
  }

  public ServerAddress server() {
    return server;
  }

  /** The previous state (null for an initial assignment). */
  public ServerState from() {
    return from;
  }

  /** The state now. */
  public ServerState to() {
    return to;
  }

  /** Why, in a few words, e.g. {@code "KoD DENY: stopped all traffic"}. */
  public String reason() {
    return reason;
  }

  /** Ticker reading when it happened. */
  public long atTicker() {
    return atTicker;
  }

  /**
   * One log line, e.g. {@code "time.a.net testing -> active (challenger: priority 12.0 vs 40.3)"}.
   */
  @Override
  public String toString() {
    switch (kind) {
      case STATE_CHANGED:
        return server
            + " "
            + (from == null ? "" : from.label() + " -> ")
            + to.label()
            + " ("
            + reason
            + ")";
      case RATE_LIMITED:
        return server + " rate-limited (" + reason + ")";
      default:
        return server + " no usable servers left (" + reason + ")";
    }
  }
}
