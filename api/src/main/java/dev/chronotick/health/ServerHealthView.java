package dev.chronotick.health;

import dev.chronotick.ntp.ServerAddress;
import java.util.Objects;

/**
 * One server's health as {@code status} and JMX show it: immutable snapshot.
 *
 * <p>{@link #reach()} is NTP's 8-bit reachability register: shifted left once per poll of this
 * server (one round's request(s)), the low bit set when at least one reply was accepted.
 */
public final class ServerHealthView {
  private final ServerAddress address;
  private final double score;
  private final double medianScore;
  private final ServerState state;
  private final int reach;
  private final boolean hasSample;
  private final long lastDelayNanos;
  private final long lastOffsetNanos;
  private final String lastError;
  private final double priority;
  private final long pollIntervalNanos;
  private final AddressScope scope;
  private final String group;

  public ServerHealthView(
      ServerAddress address,
      double score,
      double medianScore,
      ServerState state,
      int reach,
      boolean hasSample,
      long lastDelayNanos,
      long lastOffsetNanos,
      String lastError,
      double priority,
      long pollIntervalNanos,
      AddressScope scope,
      String group) {
    this.address = Objects.requireNonNull(address, "address");
    this.score = score;
    this.medianScore = medianScore;
    this.state = Objects.requireNonNull(state, "state");
    this.reach = reach & 0xFF;
    this.hasSample = hasSample;
    this.lastDelayNanos = lastDelayNanos;
    this.lastOffsetNanos = lastOffsetNanos;
    this.lastError = lastError == null ? "" : lastError;
    this.priority = priority;
    this.pollIntervalNanos = pollIntervalNanos;
    this.scope = Objects.requireNonNull(scope, "scope");
    this.group = group == null ? "" : group;
  }

  public ServerAddress address() {
    return address;
  }

  /** The running ("legacy") score, updated by every exchange. */
  public double score() {
    return score;
  }

  /** The score that counts: median of the per-exchange scores over the score window. */
  public double medianScore() {
    return medianScore;
  }

  /** True when {@link #medianScore()} ≥ {@link PoolScoring#HEALTHY_SCORE}. */
  public boolean healthy() {
    return medianScore >= PoolScoring.HEALTHY_SCORE;
  }

  public ServerState state() {
    return state;
  }

  /** 8-bit reach register, 0..255 (show in octal as ntpq does, e.g. 377). */
  public int reach() {
    return reach;
  }

  /** True once at least one reply was accepted (then delay and offset are meaningful). */
  public boolean hasSample() {
    return hasSample;
  }

  /** Round-trip delay of the last accepted reply, nanoseconds (0 without {@link #hasSample()}). */
  public long lastDelayNanos() {
    return lastDelayNanos;
  }

  /**
   * Offset (server − local) of the last accepted reply, nanoseconds (0 without {@link
   * #hasSample()}).
   */
  public long lastOffsetNanos() {
    return lastOffsetNanos;
  }

  /**
   * The most recent error, e.g. {@code "TIMEOUT"} or {@code "KOD_RATE (KoD RATE)"}; empty if none
   * yet.
   */
  public String lastError() {
    return lastError;
  }

  /**
   * Selector priority, lower is better: RTT(ms) × (1 + 2 × (1 − average step)); infinite without
   * replies.
   */
  public double priority() {
    return priority;
  }

  /** This server's current poll interval (including any KoD RATE factor), nanoseconds. */
  public long pollIntervalNanos() {
    return pollIntervalNanos;
  }

  public AddressScope scope() {
    return scope;
  }

  /** Diversity group key (see {@link DiversityGroup}). */
  public String group() {
    return group;
  }

  @Override
  public String toString() {
    return address
        + " "
        + state.label()
        + " score="
        + String.format(java.util.Locale.ROOT, "%.1f", score)
        + " median="
        + String.format(java.util.Locale.ROOT, "%.1f", medianScore)
        + " reach="
        + Integer.toOctalString(reach)
        + (lastError.isEmpty() ? "" : " lastError=" + lastError);
  }
}
