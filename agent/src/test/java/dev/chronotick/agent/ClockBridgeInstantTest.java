package dev.chronotick.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ClockBridge.correctInstant}, what the advice on {@code Clock.currentInstant()} calls. */
class ClockBridgeInstantTest {
  private PublishedClock saved;

  @BeforeEach
  void save() {
    saved = ClockBridge.state();
  }

  @AfterEach
  void restore() {
    ClockBridge.publish(saved);
  }

  @Test
  void unsynchronisedReturnsTheSameInstant() {
    ClockBridge.publish(PublishedClock.UNSYNCHRONIZED);
    Instant raw = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    assertSame(raw, ClockBridge.correctInstant(raw));
    assertNull(ClockBridge.correctInstant(null));
  }

  @Test
  void addsTheOffsetWithNanosecondPrecision() {
    ClockBridge.publish(AgentRuntime.fixedOffset(-400L, 1_700_000_000_000L, 1));
    Instant raw = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    assertEquals(
        Instant.ofEpochSecond(1_699_999_999L, 723_456_789), ClockBridge.correctInstant(raw));
  }

  @Test
  void followsDriftAndSlewOfTheModel() {
    long anchor = 1_700_000_000_000_000_000L;
    // 1 ms offset, +1e-6 drift: after 10 s of raw time the offset has grown by 10 us.
    ClockBridge.publish(
        PublishedClock.anchoredAt(anchor, 1_000_000L)
            .frequency(1e-6)
            .lastSync(anchor)
            .generation(1)
            .build());
    Instant raw = Instant.ofEpochSecond(1_700_000_010L);
    assertEquals(Instant.ofEpochSecond(1_700_000_010L, 1_010_000), ClockBridge.correctInstant(raw));
  }
}
