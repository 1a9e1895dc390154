package dev.chronotick.cdi;

import dev.chronotick.CorrectedClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;

/**
 * Produces the JVM-wide corrected clock for {@code @Inject Clock} and {@code @Inject
 * CorrectedClock} (the agent's clock when the agent is present: one clock per JVM). The clock is
 * produced {@code @Dependent}: it is one object for the JVM already, and a {@code CorrectedClock}
 * cannot be proxied by a normal scope. An application with its own {@code Clock} producer excludes
 * this class ({@code <exclude>} in beans.xml, {@code quarkus.arc.exclude-types}).
 */
@ApplicationScoped
public class CorrectedClockProducer {
  /** The corrected clock, as both types. */
  @Produces
  @Typed({CorrectedClock.class, Clock.class})
  public CorrectedClock correctedClock() {
    return CorrectedClock.systemUTC();
  }
}
