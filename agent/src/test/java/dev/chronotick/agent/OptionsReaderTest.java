package dev.chronotick.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.agent.instrument.ClassFilter;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionsReport;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsReaderTest {
  @Test
  void readsTheArgumentAndTheOptionsOffTheCallersThread() {
    OptionsReport read = OptionsReader.begin("instrument=false,timeout=250ms,logLevel=debug").get();
    assertFalse(read.options().instrument());
    assertEquals("debug", read.options().logLevel());
    assertEquals(Duration.ofMillis(250), read.options().get(OptionKeys.TIMEOUT));
    assertFalse(read.hasProblems());
  }

  @Test
  void badInputEndsAsProblemsNotExceptions() {
    OptionsReport read =
        OptionsReader.begin("timeout=soon,,=x,instrument=maybe,testOffset=1h").get();
    assertTrue(read.hasProblems());
    assertEquals(OptionKeys.TIMEOUT.defaultValue(), read.options().get(OptionKeys.TIMEOUT));
    assertTrue(read.options().instrument(), "a bad instrument value keeps the default");
    assertEquals(Optional.empty(), read.options().testOffsetMillis());
    assertTrue(
        read.problems().stream()
            .map(OptionException::getMessage)
            .anyMatch(
                m ->
                    m.startsWith(
                        "chronotick: option 'testOffset' (agent argument): bad number '1h'")),
        read.problems().toString());
  }

  @Test
  void aNullArgumentIsNoArgument() {
    OptionsReport read = OptionsReader.begin(null).get();
    assertTrue(read.options().instrument());
    assertFalse(read.hasProblems());
  }

  @Test
  void theSameAsReadingOnTheCallersThread() {
    String raw = "samples=2;servers=127.0.0.1:9";
    OptionsReport async = OptionsReader.begin(raw).get();
    OptionsReport direct = OptionsReader.read(raw);
    assertEquals(direct.problems().size(), async.problems().size());
    assertEquals(direct.options().describeNonDefaults(), async.options().describeNonDefaults());
  }

  @Test
  void instrumentIsParsedOnceWithEveryBooleanSpelling() {
    // one parse: "0" is false and nothing says "using true"
    OptionsReport read = OptionsReader.read("instrument=0");
    assertFalse(read.options().instrument());
    assertFalse(read.hasProblems(), read.problems().toString());
    assertTrue(OptionsReader.read("instrument=1").options().instrument());
  }

  @Test
  void anIncludeWithATrailingDotStopsAtThePackageBoundary() {
    ChronoTickOptions o = OptionsReader.read("include=com.acme.").options();
    ClassFilter filter = AgentRuntime.classFilter(o);
    assertTrue(filter.accepts("com.acme.Billing"));
    assertTrue(filter.accepts("com.acme.web.Api"));
    assertFalse(filter.accepts("com.acmeother.X"));
  }

  @Test
  void theHiddenTestOptionsComeFromTheOneLoader() {
    ChronoTickOptions o =
        OptionsReader.read("testOffset=-1500,testFailTransform=legacyapp.Victim").options();
    assertEquals(Optional.of(-1500L), o.testOffsetMillis());
    assertEquals(Optional.of("legacyapp.Victim"), o.testFailTransform());
  }

  @Test
  void fixedOffsetStateIsSynchronisedAndAnchoredAtNow() {
    dev.chronotick.bridge.PublishedClock s = AgentRuntime.fixedOffset(3_600_000L, 1_000L, 7L);
    assertEquals(dev.chronotick.bridge.PublishedClock.STATUS_SYNCHRONIZED, s.status());
    assertEquals(1_000L + 3_600_000L, s.correctMillis(1_000L));
    assertEquals(5_000L + 3_600_000L, s.correctMillis(5_000L), "constant offset, no drift");
    assertEquals(7L, s.generation());
  }
}
