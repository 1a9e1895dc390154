package dev.chronotick.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeapSecondTest {
  private static final long NANOS = 1_000_000_000L;

  private static long at(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * NANOS + i.getNano();
  }

  @Test
  void anAnnouncementCountsOnlyOnTheLastDayOfJuneOrDecember() {
    LeapSecond insert = LeapSecond.announced(1, at("2016-12-31T00:00:00Z"));
    assertEquals(Instant.parse("2017-01-01T00:00:00Z").getEpochSecond(), insert.epochSecond());
    assertTrue(insert.isInsertion());
    assertEquals("insert 2016-12-31T23:59:60Z", insert.label());
    LeapSecond delete = LeapSecond.announced(2, at("2015-06-30T23:59:58Z"));
    assertEquals(-1, delete.sign());
    assertEquals("delete 2015-06-30T23:59:59Z", delete.label());
    assertNull(LeapSecond.announced(1, at("2016-12-30T23:59:59Z")), "a day early");
    assertNull(LeapSecond.announced(1, at("2016-12-01T12:00:00Z")), "a month ahead");
    assertNull(LeapSecond.announced(1, at("2016-03-31T12:00:00Z")), "not June or December");
    assertNull(LeapSecond.announced(0, at("2016-12-31T12:00:00Z")));
    assertNull(LeapSecond.announced(3, at("2016-12-31T12:00:00Z")), "unsynchronised");
  }

  @Test
  void continuousTimeIsSteppingTimePlusTheSecondAfterTheLeap() {
    LeapSecond l = LeapSecond.announced(1, at("2016-12-31T12:00:00Z"));
    long midnight = l.epochSecond() * NANOS;
    assertEquals(0, l.continuousMinusStepping(midnight - 1));
    assertEquals(NANOS, l.continuousMinusStepping(midnight));
    assertTrue(l.inRepeatedSecond(midnight - 1));
    assertFalse(l.inRepeatedSecond(midnight));
    // smeared time is continuous time minus the smear: half a second at the leap, all of it at noon
    assertEquals(0, l.continuousMinusSmeared(l.windowStartNanos()));
    assertEquals(NANOS / 2, l.continuousMinusSmeared(midnight));
    assertEquals(NANOS, l.continuousMinusSmeared(l.windowEndNanos()));
  }

  @Test
  void whatTheApplicationSeesWithAndWithoutTheSmear() {
    LeapSecond l = LeapSecond.announced(1, at("2016-12-31T12:00:00Z"));
    long start = l.windowStartNanos();
    long leapContinuous = l.effectContinuousNanos();
    assertEquals(0, l.appliedOffsetNanos(start, true));
    assertEquals(-43_200L * NANOS / 86_401, l.appliedOffsetNanos(leapContinuous, true), 1);
    assertEquals(-NANOS, l.appliedOffsetNanos(l.windowEndContinuousNanos(), true));
    assertEquals(-1.0 / 86_401, l.appliedRate(leapContinuous, true), 1e-15);
    assertEquals(0.0, l.appliedRate(l.windowEndContinuousNanos(), true));
    assertEquals(0, l.appliedOffsetNanos(leapContinuous - 1, false));
    assertEquals(-NANOS, l.appliedOffsetNanos(leapContinuous, false));
    assertEquals(0.0, l.appliedRate(leapContinuous, false));
    // the smeared clock agrees with LeapSmear's view from the stepping clock
    long continuous = leapContinuous + 3 * 3600 * NANOS;
    long smeared = continuous + l.appliedOffsetNanos(continuous, true);
    long stepping = continuous - NANOS;
    assertEquals(smeared, stepping + l.smear().offsetNanos(stepping, true), 2);
  }

  @Test
  void aDeletedSecondLeavesContinuousTimeASecondEarlier() {
    LeapSecond l = LeapSecond.announced(2, at("2015-06-30T12:00:00Z"));
    long midnight = l.epochSecond() * NANOS;
    assertEquals(midnight - NANOS, l.effectContinuousNanos());
    assertEquals(NANOS, l.appliedOffsetNanos(midnight - NANOS, false));
    assertEquals(NANOS, l.appliedOffsetNanos(l.windowEndContinuousNanos(), true));
    assertEquals(-NANOS, l.continuousMinusStepping(midnight));
  }
}
