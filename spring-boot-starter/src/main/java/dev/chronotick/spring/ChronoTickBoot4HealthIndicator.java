package dev.chronotick.spring;

import dev.chronotick.CorrectedClock;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code chronotick} health indicator on Spring Boot 4 (its health types moved to {@code
 * org.springframework.boot.health.contributor}): the rules of {@link ChronoTickHealthIndicator}.
 */
public class ChronoTickBoot4HealthIndicator extends AbstractHealthIndicator {
  private final CorrectedClock clock;
  private final LongSupplier nanoTime;
  private final ChronoTickHealthCheck check;

  public ChronoTickBoot4HealthIndicator(
      CorrectedClock clock, ChronoTickHealthProperties properties) {
    this(clock, properties, System::nanoTime);
  }

  ChronoTickBoot4HealthIndicator(
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
