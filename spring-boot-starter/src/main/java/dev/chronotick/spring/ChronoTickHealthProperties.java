package dev.chronotick.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code chronotick.health.*}: when the {@code chronotick} health indicator turns down. */
@ConfigurationProperties(prefix = "chronotick.health")
public class ChronoTickHealthProperties {
  /**
   * How long after the application's start (the health indicator's creation, before the clock
   * itself starts) an unsynchronised clock is UNKNOWN before it is DOWN.
   */
  private Duration unsynchronizedGrace = Duration.ofSeconds(60);

  /** In holdover, the bound's half-width above which the clock is OUT_OF_SERVICE. */
  private Duration holdoverMaxUncertainty = Duration.ofMillis(100);

  public Duration getUnsynchronizedGrace() {
    return unsynchronizedGrace;
  }

  public void setUnsynchronizedGrace(Duration unsynchronizedGrace) {
    this.unsynchronizedGrace = unsynchronizedGrace;
  }

  public Duration getHoldoverMaxUncertainty() {
    return holdoverMaxUncertainty;
  }

  public void setHoldoverMaxUncertainty(Duration holdoverMaxUncertainty) {
    this.holdoverMaxUncertainty = holdoverMaxUncertainty;
  }
}
