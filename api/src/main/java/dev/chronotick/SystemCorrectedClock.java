package dev.chronotick;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** The JVM-wide corrected clock as a {@link Clock}: equal when the zones are equal. */
final class SystemCorrectedClock extends Clock implements Serializable {
  private static final long serialVersionUID = 1L;
  static final SystemCorrectedClock UTC = new SystemCorrectedClock(java.time.ZoneOffset.UTC);

  private final ZoneId zone;

  SystemCorrectedClock(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this : new SystemCorrectedClock(zone);
  }

  @Override
  public long millis() {
    return CorrectedClock.currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return CorrectedClock.instant();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SystemCorrectedClock && zone.equals(((SystemCorrectedClock) o).zone);
  }

  @Override
  public int hashCode() {
    return zone.hashCode() + 7;
  }

  @Override
  public String toString() {
    return "CorrectedClock[" + zone + "]";
  }

  private Object readResolve() {
    return zone.equals(UTC.zone) ? UTC : this;
  }
}
