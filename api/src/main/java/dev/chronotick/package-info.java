/**
 * The public API of {@code chronotick-api}, the only package its module exports.
 *
 * <p>{@link dev.chronotick.CorrectedClock} is an NTP-disciplined {@code java.time.Clock} with
 * TrueTime-style {@link dev.chronotick.TimeBounds}: {@code CorrectedClock.systemUTC()} is the
 * JVM-wide clock (the agent's, when the agent is present), {@code CorrectedClock.builder()} builds
 * independent, closeable ones. {@link dev.chronotick.ClockStatus} and {@link
 * dev.chronotick.ClockSnapshot} report where a clock stands. No type of the engine packages appears
 * in a signature here.
 *
 * <p>Value types follow {@code java.time}: small, immutable, no hidden statics in the values.
 * Bounds follow Spanner's TrueTime: {@code now()} is an interval, {@code after(t)} is true only
 * when the earliest possible true time is after {@code t}.
 */
package dev.chronotick;
