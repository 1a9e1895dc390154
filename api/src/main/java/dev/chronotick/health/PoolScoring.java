package dev.chronotick.health;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;

/**
 * The NTP Pool's per-probe score steps, applied to every exchange with a server.
 *
 * <p>Source: ntppool/monitor {@code scorer/statusscore/statusscore.go} (step per probe: +1 good,
 * linear fall with the offset, −2 beyond 750 ms, −4 beyond 3 s with the score capped at −20, −5 no
 * reply) and the Pool's long-standing "legacy" rules for KoD (−3.5 RATE, −10 DENY capped at −50)
 * and other errors (−4). The Pool's monitor falls linearly from 75 ms ({@code 1 − 4 × seconds});
 * ChronoTick starts the fall at 25 ms and ends it continuously at −2 for 750 ms, because a client
 * compares against the combined time of several servers, which is much tighter than a monitor's own
 * clock. Each score is {@code 0.95 × score + step}: a constant step s pulls it towards {@code 20 ×
 * s}, and it never exceeds 20.
 */
public final class PoolScoring {
  /** Upper bound of every score: 20 × the good step. */
  public static final double MAX_SCORE = 20.0;

  /** The weight of the previous score in {@code score = DECAY × score + step}. */
  public static final double DECAY = 0.95;

  /** A server is healthy at or above this (median) score. */
  public static final double HEALTHY_SCORE = 10.0;

  /** Step for a reply within {@link #GOOD_OFFSET_NANOS} of the combined time. */
  public static final double GOOD_STEP = 1.0;

  /** Replies closer than this to the combined time earn the full {@link #GOOD_STEP}. */
  public static final long GOOD_OFFSET_NANOS = 25_000_000L;

  /** Beyond this the linear fall ends at {@link #FAR_STEP}. */
  public static final long FAR_OFFSET_NANOS = 750_000_000L;

  /** Step for a reply more than 750 ms (up to 3 s) away. */
  public static final double FAR_STEP = -2.0;

  /** Beyond this a reply is simply wrong. */
  public static final long WRONG_OFFSET_NANOS = 3_000_000_000L;

  /** Step for a reply more than 3 s away. */
  public static final double WRONG_STEP = -4.0;

  /** Score ceiling after a reply more than 3 s away. */
  public static final double WRONG_MAX_SCORE = -20.0;

  /** Step when no reply arrived within the timeout. */
  public static final double NO_REPLY_STEP = -5.0;

  /** Step for Kiss-o'-Death RATE (we polled too often). */
  public static final double RATE_STEP = -3.5;

  /** Step for Kiss-o'-Death DENY / RSTR. */
  public static final double DENY_STEP = -10.0;

  /** Score ceiling after Kiss-o'-Death DENY / RSTR. */
  public static final double DENY_MAX_SCORE = -50.0;

  /** Step for every other error (unsynchronised, malformed, bogus origin, DNS, network ...). */
  public static final double ERROR_STEP = -4.0;

  /** Step for a reply when the round produced no combined time to judge it against. */
  public static final double UNJUDGED_STEP = 0.0;

  private PoolScoring() {}

  /**
   * The step one exchange earns.
   *
   * @param exchange the exchange (accepted or rejected); null counts as "no reply"
   * @param hasCombinedTime whether the round selected a time to judge offsets against
   * @param combinedOffsetNanos the round's combined offset (server − local)
   */
  public static ScoreStep stepFor(
      ExchangeResult exchange, boolean hasCombinedTime, long combinedOffsetNanos) {
    if (exchange == null) {
      return new ScoreStep(NO_REPLY_STEP, MAX_SCORE, "no reply");
    }
    if (exchange.isAccepted()) {
      if (!hasCombinedTime) {
        return new ScoreStep(UNJUDGED_STEP, MAX_SCORE, "reply, no combined time");
      }
      return offsetStep(Math.abs(exchange.sample().offsetNanos() - combinedOffsetNanos));
    }
    return errorStep(exchange.reason());
  }

  /** The step for a reply whose offset differs by {@code absDiffNanos} from the combined time. */
  public static ScoreStep offsetStep(long absDiffNanos) {
    long d = Math.abs(absDiffNanos);
    if (d <= GOOD_OFFSET_NANOS) {
      return new ScoreStep(GOOD_STEP, MAX_SCORE, "good");
    }
    String cause = "offset " + (d / 1_000_000) + "ms";
    if (d <= FAR_OFFSET_NANOS) {
      double fraction = (double) (d - GOOD_OFFSET_NANOS) / (FAR_OFFSET_NANOS - GOOD_OFFSET_NANOS);
      return new ScoreStep(GOOD_STEP + (FAR_STEP - GOOD_STEP) * fraction, MAX_SCORE, cause);
    }
    if (d <= WRONG_OFFSET_NANOS) {
      return new ScoreStep(FAR_STEP, MAX_SCORE, cause);
    }
    return new ScoreStep(WRONG_STEP, WRONG_MAX_SCORE, cause);
  }

  /** The step for a rejected exchange. */
  public static ScoreStep errorStep(RejectReason reason) {
    if (reason == null) {
      return new ScoreStep(ERROR_STEP, MAX_SCORE, "error");
    }
    switch (reason) {
      case TIMEOUT:
        return new ScoreStep(NO_REPLY_STEP, MAX_SCORE, "no reply");
      case KOD_RATE:
        return new ScoreStep(RATE_STEP, MAX_SCORE, "KoD RATE");
      case KOD_DENY:
        return new ScoreStep(DENY_STEP, DENY_MAX_SCORE, "KoD DENY");
      case KOD_RSTR:
        return new ScoreStep(DENY_STEP, DENY_MAX_SCORE, "KoD RSTR");
      default:
        return new ScoreStep(ERROR_STEP, MAX_SCORE, reason.name());
    }
  }

  /** {@code min(DECAY × score + step, step's ceiling, MAX_SCORE)}. */
  public static double next(double score, ScoreStep step) {
    double s = DECAY * score + step.step();
    return Math.min(Math.min(s, step.maxScore()), MAX_SCORE);
  }
}
