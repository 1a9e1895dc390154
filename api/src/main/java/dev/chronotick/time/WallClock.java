package dev.chronotick.time;

/**
 * The local, uncorrected wall clock, read at sub-millisecond resolution.
 *
 * <p>Injected everywhere the engine needs "what does the local clock say now", so tests can step,
 * slew and freeze it. Production code uses {@link SystemWallClock}.
 */
@FunctionalInterface
public interface WallClock {
  /** Nanoseconds since 1970-01-01T00:00:00Z according to the local (raw, uncorrected) clock. */
  long epochNanos();
}
