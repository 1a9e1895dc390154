package dev.chronotick.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One announced leap second: the UTC midnight it takes effect at and whether a second is inserted
 * (23:59:60 exists) or deleted (23:59:59 does not). Pure values in, values out.
 *
 * <p>Three timescales meet here, all in epoch nanoseconds:
 *
 * <ul>
 *   <li><b>stepping</b> (POSIX UTC, what NTP servers that step give): repeats the second before the
 *       leap at an insertion, skips it at a deletion;
 *   <li><b>smeared</b> (Google's and AWS's servers): the 24-hour linear smear of {@link LeapSmear};
 *   <li><b>continuous</b> (SI seconds, no leap): equals stepping before the leap and stepping plus
 *       {@link #sign()} seconds after it. The clock model works on it, so a leap never looks like a
 *       jump of the server's time or a change of frequency.
 * </ul>
 *
 * <p>{@link #appliedOffsetNanos} maps continuous time to what the application sees: stepping time
 * (leapSmear off) or smeared time (leapSmear 24h).
 */
public final class LeapSecond {
  private static final long NANOS = 1_000_000_000L;
  private static final long DAY = 86_400L;
  private static final long HALF_DAY = DAY / 2;

  private final long epochSecond;
  private final int sign;

  private LeapSecond(long epochSecond, int sign) {
    this.epochSecond = epochSecond;
    this.sign = sign;
  }

  /**
   * The leap at {@code midnightEpochSecond} (a UTC midnight).
   *
   * @param sign +1 insert, −1 delete
   */
  public static LeapSecond at(long midnightEpochSecond, int sign) {
    new LeapSmear(midnightEpochSecond, sign); // validates both
    return new LeapSecond(midnightEpochSecond, sign);
  }

  /**
   * The leap a server announces with leap indicator {@code indicator} (1 insert, 2 delete) at UTC
   * time {@code utcEpochNanos}, or null. As chrony does, an announcement counts only on the last
   * day of June or December, the only days leap seconds have ever been scheduled for: a leap
   * indicator left set the rest of the year (RFC 5905 lets a server announce a month ahead) is not
   * acted on, and the leap is at the end of that day.
   */
  public static LeapSecond announced(int indicator, long utcEpochNanos) {
    if (indicator != 1 && indicator != 2) {
      return null;
    }
    long day = Math.floorDiv(utcEpochNanos, DAY * NANOS);
    LocalDate date = LocalDate.ofEpochDay(day);
    boolean lastDay =
        (date.getMonth() == Month.JUNE && date.getDayOfMonth() == 30)
            || (date.getMonth() == Month.DECEMBER && date.getDayOfMonth() == 31);
    if (!lastDay) {
      return null;
    }
    return new LeapSecond((day + 1) * DAY, indicator == 1 ? 1 : -1);
  }

  /** The UTC midnight the leap takes effect at, epoch seconds. */
  public long epochSecond() {
    return epochSecond;
  }

  /** +1 for an inserted second, −1 for a deleted one. */
  public int sign() {
    return sign;
  }

  public boolean isInsertion() {
    return sign > 0;
  }

  /** The 24-hour smear of this leap. */
  public LeapSmear smear() {
    return new LeapSmear(epochSecond, sign);
  }

  /** Noon UTC before the leap: where the smear starts (the same on every timescale). */
  public long windowStartNanos() {
    return (epochSecond - HALF_DAY) * NANOS;
  }

  /** Noon UTC after the leap on the continuous timescale: where the smear ends. */
  public long windowEndContinuousNanos() {
    return (epochSecond + HALF_DAY + sign) * NANOS;
  }

  /** Noon UTC after the leap on the stepping (and smeared) timescale. */
  public long windowEndNanos() {
    return (epochSecond + HALF_DAY) * NANOS;
  }

  /**
   * Where stepping time leaves continuous time, on the continuous timescale: midnight for an
   * insertion (the inserted second is continuous [midnight, midnight + 1 s)), one second earlier
   * for a deletion (the skipped 23:59:59).
   */
  public long effectContinuousNanos() {
    return (sign > 0 ? epochSecond : epochSecond - 1) * NANOS;
  }

  /** Continuous minus stepping time for a stepping reading {@code steppingNanos} (0 or sign s). */
  public long continuousMinusStepping(long steppingNanos) {
    return steppingNanos >= epochSecond * NANOS ? sign * NANOS : 0L;
  }

  /**
   * For an insertion, whether a stepping reading may lie in the repeated second (the leap second
   * itself reads like the second before it): then continuous minus stepping is 0 or 1 s.
   */
  public boolean inRepeatedSecond(long steppingNanos) {
    return sign > 0
        && steppingNanos >= (epochSecond - 1) * NANOS
        && steppingNanos < epochSecond * NANOS;
  }

  /** Continuous minus smeared time for a smeared reading {@code smearedNanos}. */
  public long continuousMinusSmeared(long smearedNanos) {
    long tau = Math.max(0L, Math.min(DAY * NANOS, smearedNanos - windowStartNanos()));
    // smeared = start + τ·S/(S + sign)  ⇒  continuous − smeared = sign·(smeared − start)/S
    return sign * Math.floorDiv(tau, DAY);
  }

  /**
   * What to add to continuous time {@code continuousNanos} to get what the application sees:
   * stepping time ({@code smear} false; a jump of −sign s at the leap) or the 24-hour smear (a
   * linear change over the window, −sign s in all).
   */
  public long appliedOffsetNanos(long continuousNanos, boolean smear) {
    if (!smear) {
      return continuousNanos >= effectContinuousNanos() ? -sign * NANOS : 0L;
    }
    long length = (DAY + sign) * NANOS;
    long tau = Math.max(0L, Math.min(length, continuousNanos - windowStartNanos()));
    return -sign * Math.floorDiv(tau, DAY + sign);
  }

  /**
   * Rate of change of {@link #appliedOffsetNanos} per continuous nanosecond at {@code
   * continuousNanos}: −sign/(86,400 + sign) inside the smear's window, 0 elsewhere and without
   * smear.
   */
  public double appliedRate(long continuousNanos, boolean smear) {
    if (!smear
        || continuousNanos < windowStartNanos()
        || continuousNanos >= windowEndContinuousNanos()) {
      return 0.0;
    }
    return -sign / (double) (DAY + sign);
  }

  /** The most {@link #appliedRate} can be in absolute value. */
  public static double maxSmearRate() {
    return 1.0 / (DAY - 1);
  }

  /**
   * The label an operator reads: {@code insert 2016-12-31T23:59:60Z} or {@code delete
   * 2016-12-31T23:59:59Z}.
   */
  public String label() {
    String day =
        Instant.ofEpochSecond(epochSecond - 1).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    return sign > 0 ? "insert " + day + "T23:59:60Z" : "delete " + day + "T23:59:59Z";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LeapSecond
        && ((LeapSecond) o).epochSecond == epochSecond
        && ((LeapSecond) o).sign == sign;
  }

  @Override
  public int hashCode() {
    return Objects.hash(epochSecond, sign);
  }

  @Override
  public String toString() {
    return "LeapSecond{" + label() + "}";
  }
}
