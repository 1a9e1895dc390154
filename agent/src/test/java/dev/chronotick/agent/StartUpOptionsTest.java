package dev.chronotick.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.OptionKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartUpOptionsTest {
  @Test
  void readsTheArgumentAndTheOptionsOffTheCallersThread() {
    StartUpOptions.Read read = StartUpOptions.begin("instrument=false,timeout=250ms,logLevel=debug").get();
    assertFalse(read.args.instrument());
    assertEquals(Duration.ofMillis(250), read.report.options().get(OptionKeys.TIMEOUT));
    assertFalse(read.report.hasProblems());
  }

  @Test
  void badInputEndsAsProblemsNotExceptions() {
    StartUpOptions.Read read = StartUpOptions.begin("timeout=soon,,=x,instrument=maybe").get();
    assertTrue(read.report.hasProblems());
    assertEquals(OptionKeys.TIMEOUT.defaultValue(), read.report.options().get(OptionKeys.TIMEOUT));
    assertFalse(read.args.problems().isEmpty());
  }

  @Test
  void aNullArgumentIsNoArgument() {
    StartUpOptions.Read read = StartUpOptions.begin(null).get();
    assertTrue(read.args.instrument());
  }

  @Test
  void theSameAsReadingOnTheCallersThread() {
    String raw = "samples=2;servers=127.0.0.1:9";
    StartUpOptions.Read async = StartUpOptions.begin(raw).get();
    StartUpOptions.Read direct = StartUpOptions.read(raw);
    assertEquals(direct.report.problems().size(), async.report.problems().size());
    assertEquals(direct.report.options().describeNonDefaults(), async.report.options().describeNonDefaults());
  }
}
