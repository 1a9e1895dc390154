package dev.chronotick.discipline;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.time.WallClock;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and when the engine's states are published: each new state is anchored {@link #LEAD_NANOS}
 * ahead of the raw clock, or, if it would run below the current state somewhere after that anchor,
 * at the current state's horizon (where readers would otherwise go on at the slowest rate, which no
 * correction can undercut); states are renewed before their horizon; and after each write the raw
 * clock is read again to check how the write landed.
 *
 * <p>So whatever a reader saw of the old state stays at or below what it sees of the new one,
 * however long this thread is held up between planning and writing: up to the old horizon the new
 * state either keeps the old function or runs above it, and past it the old state itself runs at
 * the slowest rate.
 *
 * <p>Not thread-safe: the engine calls it under its own lock.
 */
final class StatePublisher {
  private static final Logger log = LoggerFactory.getLogger(StatePublisher.class);

  /**
   * New states are anchored this far after the moment of publication, so a reader whose raw reading
   * comes from a slightly different raw clock (the sub-millisecond one, up to 1.5 ms off the system
   * clock) still sees the old function up to the moment of publication.
   */
  static final long LEAD_NANOS = 2_000_000L;

  /** A renewal is due when less than this part of the horizon is left. */
  private static final int RENEW_WHEN_LEFT_DIVISOR = 2;

  private final DisciplineSettings settings;
  private final WallClock wall;
  private final Consumer<PublishedClock> sink;
  private volatile PublishedClock current = PublishedClock.UNSYNCHRONIZED;
  private long latePublications;
  private long lateBackwardNanos;
  private long continuationLagNanos;

  StatePublisher(DisciplineSettings settings, WallClock wall, Consumer<PublishedClock> sink) {
    this.settings = settings;
    this.wall = wall;
    this.sink = sink;
  }

  /** The state last published. */
  PublishedClock current() {
    return current;
  }

  /**
   * The state to build on at raw time {@code now}: without the predecessors no reader can reach any
   * more (a reader's raw reading is at most a lead older than the publisher's).
   */
  PublishedClock base(long now) {
    return current.trimmedFor(now - LEAD_NANOS);
  }

  /** True when the current state should be renewed at raw time {@code now}. */
  boolean renewalDue(long now) {
    PublishedClock s = current;
    long left = s.horizonRawNanos() - now;
    return s.horizonRawNanos() != PublishedClock.NO_HORIZON
        && left < CorrectionPlanner.horizonNanos(settings) / RENEW_WHEN_LEFT_DIVISOR;
  }

  /**
   * Builds the next state with {@code at} (given its anchor) and publishes it.
   *
   * @param now the raw time the plan starts from
   * @param mayDelay false for deliberate jumps (the first synchronisation, the compensation of a
   *     system clock step), which are anchored a lead ahead whatever they do
   */
  void publishAhead(long now, boolean mayDelay, LongFunction<PublishedClock> at) {
    PublishedClock old = current;
    PublishedClock next = at.apply(now + LEAD_NANOS);
    boolean slowing = mayDelay && runsBelow(next, old, next.anchorRawNanos());
    // a state promised for ever (none of the engine's) cannot be waited for
    long horizon = old.horizonRawNanos() == PublishedClock.NO_HORIZON ? now : old.horizonRawNanos();
    if (slowing) {
      next = at.apply(Math.max(now + LEAD_NANOS, horizon));
    }
    // held up before the write (the lead used up): plan again from a fresh reading, a few times
    for (int attempt = 0;
        attempt < 5 && wall.epochNanos() > next.anchorRawNanos() - LEAD_NANOS / 4;
        attempt++) {
      long fresh = Math.max(wall.epochNanos(), now) + LEAD_NANOS;
      next = at.apply(slowing ? Math.max(fresh, horizon) : fresh);
    }
    current = next;
    sink.accept(next);
    long after = wall.epochNanos();
    if (slowing) {
      // a check of the design, not a known limit: the new state never stands below the old one
      long back = old.correctEpochNanos(after) - next.correctEpochNanos(after);
      if (back > 1) {
        lateBackwardNanos = Math.max(lateBackwardNanos, back);
        log.warn(
            "a correction stands {} ns below the state it replaced: {} after {}", back, next, old);
      }
    }
    if (old.status() != PublishedClock.STATUS_UNSYNCHRONIZED && after >= old.horizonRawNanos()) {
      // readers were on the old state's continuation: slower, never back; the next state starts
      // where they were and catches up
      latePublications++;
      long lag = old.continuationLagNanosAt(after);
      continuationLagNanos = Math.max(continuationLagNanos, lag);
      log.warn(
          "the collector published {} ms after the last state's horizon (this thread was"
              + " held up); corrected time ran slow meanwhile, falling {} ms behind, never back",
          dev.chronotick.time.MillisText.of(after - old.horizonRawNanos()),
          dev.chronotick.time.MillisText.of(lag));
    }
  }

  /**
   * True when {@code next} corrects to an earlier time than {@code old} for some raw time at or
   * after {@code from}. Both are piecewise linear with kinks only where their slews end and at
   * their horizons, so checking there, at {@code from} and the slopes beyond is exact.
   */
  static boolean runsBelow(PublishedClock next, PublishedClock old, long from) {
    long[] points = {
      from,
      old.anchorRawNanos() + old.slewDurationNanos(),
      old.horizonRawNanos(),
      next.anchorRawNanos() + next.slewDurationNanos(),
      next.horizonRawNanos()
    };
    long last = from;
    for (long p : points) {
      if (p >= from && p != PublishedClock.NO_HORIZON) {
        // a nanosecond of rounding where both functions meet is not a step back
        if (next.correctEpochNanos(p) < old.correctEpochNanos(p) - 1) {
          return true;
        }
        last = Math.max(last, p);
      }
    }
    return next.slopeAt(last) < old.slopeAt(last);
  }

  /**
   * Publications written after the state they replaced had passed its horizon (readers ran on its
   * slower continuation meanwhile).
   */
  long latePublications() {
    return latePublications;
  }

  /** Non-zero only if a published state could run below its predecessor (never by design). */
  long lateBackwardNanos() {
    return lateBackwardNanos;
  }

  /** The most the corrected clock fell behind its promised function while publishing late. */
  long continuationLagNanos() {
    return continuationLagNanos;
  }
}
