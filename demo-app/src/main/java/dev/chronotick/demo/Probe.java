package dev.chronotick.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One report of ChronoTick's own view in the child JVM: status, TrueTime bounds, last round's
 * sources.
 */
public final class Probe {
  /** No bound (the clock was not synchronised). */
  public static final long UNBOUNDED = Long.MIN_VALUE;

  private final long nanoTime;
  private final String status;
  private final long earliestNanos;
  private final long latestNanos;
  private final long offsetNanos;
  private final long uncertaintyNanos;
  private final List<SourceState> sources;

  Probe(
      long nanoTime,
      String status,
      long earliestNanos,
      long latestNanos,
      long offsetNanos,
      long uncertaintyNanos,
      List<SourceState> sources) {
    this.nanoTime = nanoTime;
    this.status = status;
    this.earliestNanos = earliestNanos;
    this.latestNanos = latestNanos;
    this.offsetNanos = offsetNanos;
    this.uncertaintyNanos = uncertaintyNanos;
    this.sources = Collections.unmodifiableList(new ArrayList<>(sources));
  }

  public long nanoTime() {
    return nanoTime;
  }

  /** {@code UNSYNCHRONIZED}, {@code SYNCHRONIZED} or {@code HOLDOVER}. */
  public String status() {
    return status;
  }

  public boolean synchronised() {
    return "SYNCHRONIZED".equals(status);
  }

  public boolean bounded() {
    return earliestNanos != UNBOUNDED && latestNanos != UNBOUNDED;
  }

  /** {@code CorrectedClock.systemUTC().now().earliest()} as epoch nanos, or {@link #UNBOUNDED}. */
  public long earliestNanos() {
    return earliestNanos;
  }

  /** {@code CorrectedClock.systemUTC().now().latest()} as epoch nanos, or {@link #UNBOUNDED}. */
  public long latestNanos() {
    return latestNanos;
  }

  /** The midpoint of the bounds (the corrected time at the probe), when bounded. */
  public long midNanos() {
    return earliestNanos + (latestNanos - earliestNanos) / 2;
  }

  public long offsetNanos() {
    return offsetNanos;
  }

  public long uncertaintyNanos() {
    return uncertaintyNanos;
  }

  public List<SourceState> sources() {
    return sources;
  }

  /** The sources as one comparable string: a new poll round gives a new one. */
  public String sourcesSignature() {
    StringBuilder b = new StringBuilder();
    for (SourceState s : sources) {
      b.append(s.address())
          .append(' ')
          .append(s.status())
          .append(' ')
          .append(s.offsetNanos())
          .append(';');
    }
    return b.toString();
  }
}
