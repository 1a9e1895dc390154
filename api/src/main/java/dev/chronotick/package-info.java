/**
 * The public API: {@link dev.chronotick.CorrectedClock} (a JVM-wide, NTP-disciplined
 * {@code java.time.Clock} with TrueTime-style {@link dev.chronotick.TimeBounds}),
 * {@link dev.chronotick.ClockStatus}, {@link dev.chronotick.ClockSnapshot}, and independent
 * instances ({@link dev.chronotick.CorrectedClockInstance}) from {@code CorrectedClock.builder()}.
 *
 * <p>Value types follow {@code java.time}: small, immutable, no hidden statics in the values. Bounds
 * follow Spanner's TrueTime: {@code now()} is an interval, {@code after(t)} is true only when the
 * earliest possible true time is after {@code t}.
 */
package dev.chronotick;
