package dev.chronotick.spring;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.CorrectedClock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code chronotick} health indicator: SYNCHRONIZED is UP; HOLDOVER is UP while the bound's
 * half-width is at most {@code chronotick.health.holdover-max-uncertainty}, OUT_OF_SERVICE past it;
 * UNSYNCHRONIZED is UNKNOWN during {@code chronotick.health.unsynchronized-grace} after start, DOWN
 * after it. Details: status, offset, uncertainty (ms), last sync.
 */
public class ChronoTickHealthIndicator extends AbstractHealthIndicator {
  private final CorrectedClock clock;
  private final ChronoTickHealthProperties properties;
  private final LongSupplier nanoTime;
  private final long startedNanos;

  public ChronoTickHealthIndicator(CorrectedClock clock, ChronoTickHealthProperties properties) {
    this(clock, properties, System::nanoTime);
  }

  ChronoTickHealthIndicator(
      CorrectedClock clock, ChronoTickHealthProperties properties, LongSupplier nanoTime) {
    super("chronotick health check failed");
    this.clock = clock;
    this.properties = properties;
    this.nanoTime = nanoTime;
    this.startedNanos = nanoTime.getAsLong();
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ClockSnapshot s = clock.snapshot();
    builder.withDetail("status", s.status().name());
    builder.withDetail("source", s.source());
    builder.withDetail("offsetMillis", s.offsetNanos() / 1e6);
    boolean bounded = s.uncertaintyNanos() != Long.MAX_VALUE;
    if (bounded) {
      builder.withDetail("uncertaintyMillis", s.uncertaintyNanos() / 1e6);
    }
    s.lastSync().ifPresent(t -> builder.withDetail("lastSync", t.toString()));
    switch (s.status()) {
      case SYNCHRONIZED:
        builder.up();
        break;
      case HOLDOVER:
        Duration max = properties.getHoldoverMaxUncertainty();
        builder.withDetail("holdoverMaxUncertaintyMillis", max.toNanos() / 1e6);
        if (bounded && s.uncertaintyNanos() <= max.toNanos()) {
          builder.up();
        } else {
          builder.status(Status.OUT_OF_SERVICE);
        }
        break;
      default:
        long grace = properties.getUnsynchronizedGrace().toNanos();
        if (nanoTime.getAsLong() - startedNanos < grace) {
          builder.unknown().withDetail("reason", "waiting for the first synchronisation");
        } else {
          builder
              .down()
              .withDetail(
                  "reason", "not synchronised within " + properties.getUnsynchronizedGrace());
        }
    }
  }
}
