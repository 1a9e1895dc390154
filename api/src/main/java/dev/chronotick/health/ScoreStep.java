package dev.chronotick.health;

/**
 * How one exchange moves a server's score: the step added and, for the worst outcomes, a ceiling
 * the new score may not exceed (the NTP Pool's "max score").
 */
public final class ScoreStep {
  private final double step;
  private final double maxScore;
  private final String cause;

  ScoreStep(double step, double maxScore, String cause) {
    this.step = step;
    this.maxScore = maxScore;
    this.cause = cause;
  }

  /** The step, between {@link PoolScoring#DENY_STEP} and {@link PoolScoring#GOOD_STEP}. */
  public double step() {
    return step;
  }

  /** The score after this step is at most this ({@link PoolScoring#MAX_SCORE} when uncapped). */
  public double maxScore() {
    return maxScore;
  }

  /**
   * A short name for what happened, e.g. {@code "good"}, {@code "offset 812ms"}, {@code "no
   * reply"}.
   */
  public String cause() {
    return cause;
  }

  @Override
  public String toString() {
    // the ceiling always shows: naming PoolScoring here would tie the two files into a cycle
    return "ScoreStep{" + step + " max " + maxScore + " " + cause + "}";
  }
}
