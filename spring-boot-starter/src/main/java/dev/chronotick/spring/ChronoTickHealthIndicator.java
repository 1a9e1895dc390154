package dev.chronotick.spring;

import dev.chronotick.CorrectedClock;
import java.util.function.LongSupplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code chronotick} health indicator on Spring Boot 3: SYNCHRONIZED is UP; HOLDOVER is UP
 * while the bound's half-width is at most {@code chronotick.health.holdover-max-uncertainty},
 * OUT_OF_SERVICE past it; UNSYNCHRONIZED is UNKNOWN during {@code
 * chronotick.health.unsynchronized-grace} after start, DOWN after it. Details: status, offset,
 * uncertainty (ms), last sync. Spring Boot 4 gets the same from {@link
 * ChronoTickBoot4HealthIndicator}.
 */
public class ChronoTickHealthIndicator extends AbstractHealthIndicator {
  private final CorrectedClock clock;
  private final LongSupplier nanoTime;
  private final ChronoTickHealthCheck check;

  public ChronoTickHealthIndicator(CorrectedClock clock, ChronoTickHealthProperties properties) {
    this(clock, properties, System::nanoTime);
  }

  ChronoTickHealthIndicator(
      CorrectedClock clock, ChronoTickHealthProperties properties, LongSupplier nanoTime) {
    super("chronotick health check failed");
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.check = new ChronoTickHealthCheck(properties, nanoTime.getAsLong());
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ChronoTickHealthCheck.Verdict v = check.check(clock.snapshot(), nanoTime.getAsLong());
    builder.status(v.status).withDetails(v.details);
  }
}
