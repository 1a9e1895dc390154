package dev.chronotick.cdi;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** A Weld SE container injects the corrected clock as Clock and as CorrectedClock. */
class CorrectedClockProducerTest {
  @Dependent
  public static class NeedsTime {
    @Inject Clock clock;
    @Inject CorrectedClock corrected;
  }

  @Test
  void injectsTheJvmWideClock() {
    Weld weld =
        new Weld().disableDiscovery().addBeanClasses(CorrectedClockProducer.class, NeedsTime.class);
    try (WeldContainer container = weld.initialize()) {
      NeedsTime bean = container.select(NeedsTime.class).get();
      assertTrue(bean.clock instanceof CorrectedClock, bean.clock.getClass().toString());
      assertSame(CorrectedClock.systemUTC(), bean.clock);
      assertSame(CorrectedClock.systemUTC(), bean.corrected);
      assertSame(CorrectedClock.systemUTC(), container.select(Clock.class).get());
    }
  }
}
