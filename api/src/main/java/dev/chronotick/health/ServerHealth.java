package dev.chronotick.health;

import dev.chronotick.ntp.ServerAddress;

/**
 * The tracker's mutable bookkeeping for one configured server. Not thread-safe; guarded by the
 * tracker.
 */
final class ServerHealth {
  /** Polls with no reply after which an active server counts as unreachable. */
  static final int UNREACHABLE_POLLS = 3;

  /** Low bits of the reach register that must all be zero for "unreachable". */
  static final int UNREACHABLE_MASK = (1 << UNREACHABLE_POLLS) - 1;

  /** RTT floor in the priority, so a 0 ms loopback RTT does not hide a bad average step. */
  static final double MIN_PRIORITY_RTT_MILLIS = 1.0;

  final ServerAddress address;
  final int index;
  final AddressScope scope;
  final String group;
  final ScoreWindow window;

  ServerState state = ServerState.TESTING;
  double score;
  int reach;
  long polls;
  boolean hasSample;
  long lastDelayNanos;
  long lastOffsetNanos;
  String lastError = "";

  /** KoD RATE multiplier of this server's interval: 1, 4, 16. */
  int rateFactor = 1;

  int cleanPollsSinceRate;

  /** The last poll's mean step was negative: poll at minPoll until it is clean again. */
  boolean suspect;

  boolean pollPending;
  long lastPollTicker;
  int lastExchangeCount = 1;
  long nextDueTicker = Long.MIN_VALUE;
  long earliestAllowedTicker = Long.MIN_VALUE;
  long intervalNanos;
  int roundsSinceProbe = Integer.MAX_VALUE / 2;

  ServerHealth(ServerAddress address, int index, long windowNanos) {
    this.address = address;
    this.index = index;
    this.scope = AddressScope.of(address);
    this.group = DiversityGroup.of(address);
    this.window = new ScoreWindow(windowNanos);
  }

  double medianScore() {
    return window.medianScore(score);
  }

  boolean healthy() {
    return medianScore() >= PoolScoring.HEALTHY_SCORE;
  }

  boolean usable() {
    return state != ServerState.DROPPED;
  }

  /** The last three polls brought no accepted reply. */
  boolean unreachable() {
    return polls >= UNREACHABLE_POLLS && (reach & UNREACHABLE_MASK) == 0;
  }

  /** RTT(ms, at least 1) × (1 + 2 × (1 − average step)); infinite without replies in the window. */
  double priority() {
    long rtt = window.medianRttNanos();
    if (rtt < 0) {
      return Double.POSITIVE_INFINITY;
    }
    double ms = Math.max(rtt / 1e6, MIN_PRIORITY_RTT_MILLIS);
    return ms * (1 + 2 * (1 - window.averageStep(PoolScoring.GOOD_STEP)));
  }

  ServerHealthView view() {
    return new ServerHealthView(
        address,
        score,
        medianScore(),
        state,
        reach,
        hasSample,
        lastDelayNanos,
        lastOffsetNanos,
        lastError,
        priority(),
        intervalNanos,
        scope,
        group);
  }
}
