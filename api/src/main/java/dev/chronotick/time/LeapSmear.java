package dev.chronotick.time;

/**
 * The standard 24-hour linear leap smear (Google's and AWS's): the leap second is spread over the
 * 86,400 s from noon UTC before the leap to noon UTC after it, so every smeared second is 1/86,401
 * longer (inserted leap) or shorter (deleted leap) and no second is repeated or skipped.
 *
 * <p>Given a reading of a stepping clock (POSIX time, which steps back one second at an inserted
 * leap), {@link #offsetNanos} is what to add to get the smeared time. Pure: values in, values out.
 *
 * <pre>
 *   τ = SI seconds since the window's start, S = 86,400, sign = +1 (insert) or −1 (delete)
 *   smeared = start + τ · S / (S + sign)
 *   before the step: offset = −sign · τ / (S + sign)
 *   after the step:  offset = sign · (S − (posix − start)) / (S + sign)
 * </pre>
 */
public final class LeapSmear {
  private static final long S = 86_400L;
  private static final long NANOS = 1_000_000_000L;

  private final long leapAtEpochSeconds;
  private final int sign;

  /**
   * @param leapAtEpochSeconds the POSIX second at which the leap takes effect: midnight UTC at the
   *     end of the day with the leap second
   * @param sign +1 for an inserted second (leap indicator 1), −1 for a deleted one (2)
   */
  public LeapSmear(long leapAtEpochSeconds, int sign) {
    if (sign != 1 && sign != -1) {
      throw new IllegalArgumentException("sign must be +1 or -1: " + sign);
    }
    if (Math.floorMod(leapAtEpochSeconds, S) != 0) {
      throw new IllegalArgumentException(
          "a leap takes effect at midnight UTC: " + leapAtEpochSeconds);
    }
    this.leapAtEpochSeconds = leapAtEpochSeconds;
    this.sign = sign;
  }

  /** Noon UTC before the leap, POSIX nanoseconds. */
  public long startEpochNanos() {
    return (leapAtEpochSeconds - S / 2) * NANOS;
  }

  /** Noon UTC after the leap, POSIX nanoseconds. */
  public long endEpochNanos() {
    return (leapAtEpochSeconds + S / 2) * NANOS;
  }

  /** The leap's effect, POSIX nanoseconds (midnight UTC). */
  public long leapEpochNanos() {
    return leapAtEpochSeconds * NANOS;
  }

  /**
   * Nanoseconds to add to the stepping clock's reading {@code posixEpochNanos} to get smeared time;
   * 0 outside the window.
   *
   * @param stepped whether the reading is from after the clock's step at the leap (a reading inside
   *     the repeated second is ambiguous otherwise)
   */
  public long offsetNanos(long posixEpochNanos, boolean stepped) {
    long start = startEpochNanos();
    long sinceStart = posixEpochNanos - start;
    if (!stepped) {
      if (sinceStart <= 0) {
        return 0L;
      }
      long tau = Math.min(sinceStart, (S / 2 + (sign > 0 ? 1 : 0)) * NANOS);
      return -sign * Math.floorDiv(tau, S + sign);
    }
    if (posixEpochNanos >= endEpochNanos()) {
      return 0L;
    }
    long left = S * NANOS - Math.max(0L, sinceStart);
    return sign * Math.floorDiv(left, S + sign);
  }
}
