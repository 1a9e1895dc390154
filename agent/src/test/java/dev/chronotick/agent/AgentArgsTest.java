package dev.chronotick.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
  @Test
  void noArgumentsMeanDefaults() {
    AgentArgs args = AgentArgs.parse(null);
    assertTrue(args.instrument());
    assertEquals(List.of(), args.include());
    assertEquals(List.of(), args.exclude());
    assertNull(args.testOffsetMillis());
    assertNull(args.testFailTransform());
    assertEquals("", args.raw());
    assertTrue(args.problems().isEmpty());
  }

  @Test
  void keyValuePairsAndSemicolonLists() {
    AgentArgs args = AgentArgs.parse(
        "instrument=false, include=com.acme.;org.example , exclude=com.acme.legacy,testOffset=-250,servers=a;b");
    assertFalse(args.instrument());
    assertEquals(List.of("com.acme.", "org.example"), args.include());
    assertEquals(List.of("com.acme.legacy"), args.exclude());
    assertEquals(-250L, args.testOffsetMillis());
    assertEquals("a;b", args.values().get("servers"), "engine keys are kept for the option parser");
    assertTrue(args.problems().isEmpty());
  }

  @Test
  void malformedEntriesAreProblemsNotExceptions() {
    AgentArgs args = AgentArgs.parse("garbage,instrument=maybe,testOffset=1h,=x");
    assertTrue(args.instrument(), "a bad boolean keeps the default");
    assertNull(args.testOffsetMillis());
    assertEquals(4, args.problems().size(), args.problems().toString());
    assertTrue(args.problems().get(0).contains("'garbage' is not key=value"));
    assertTrue(args.problems().stream().anyMatch(p -> p.contains("instrument='maybe'")));
    assertTrue(args.problems().stream().anyMatch(p -> p.contains("testOffset='1h'")));
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
