package dev.chronotick.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.CorrectionPlanner;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.metrics.CounterSnapshot;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A reader of a real {@link dev.chronotick.runtime.IndependentClock} reads corrected time twice
 * (nanoseconds via {@code read} and milliseconds via {@code currentTimeMillis()}, interleaved)
 * while the real {@link dev.chronotick.discipline.ClockEngine} publishes a correction in another
 * thread. The engine anchors the new state ahead of the raw time and keeps the old function for
 * earlier raw times (a correction that slows the clock starts no earlier than the current state's
 * horizon); the reader takes its raw reading between two reads of the state. Together these must
 * make every correction invisible as a backward step, whichever way it moves.
 *
 * <p>Results: {@code r1} nanoseconds never decreased, {@code r2} milliseconds never decreased and
 * agreed with the nanoseconds, {@code r3} the reader saw the new state, {@code r4} the publisher
 * confirms the engine published the intended kind of correction (so the test cannot pass by testing
 * nothing). Each variant is one nested test.
 */
public final class ReadsNeverGoBackTest {
  private ReadsNeverGoBackTest() {}

  /** A state per iteration: a synchronised engine on its own stepped raw clock. */
  @State
  public static class Fixture {
    final EngineFixture f = new EngineFixture();
  }

  /** The new offset is 2 ms behind: slewed back at maxSlewRate (time runs slower, never back). */
  @JCStressTest
  @Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "monotonic; the reader finished before the publication")
  @Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "monotonic across the publication")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc = "the engine did not publish a slew (test setup broken)")
  public static class SlewBack {
    @Actor
    public void publisher(Fixture s, IIII_Result r) {
      long slews = s.f.counters().get("discipline.correctionSlews");
      s.f.clock.onRound(s.f.roundNow(-2 * EngineFixture.MS));
      r.r4 =
          s.f.synchronizedBeforeTheRace()
                  && s.f.counters().get("discipline.correctionSlews") == slews + 1
              ? 1
              : 0;
    }

    @Actor
    public void reader(Fixture s, IIII_Result r) {
      s.f.readTwice(r);
    }
  }

  /** The new offset is 2 ms ahead: slewed forward. */
  @JCStressTest
  @Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "monotonic; the reader finished before the publication")
  @Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "monotonic across the publication")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc = "the engine did not publish a slew (test setup broken)")
  public static class SlewForward {
    @Actor
    public void publisher(Fixture s, IIII_Result r) {
      long slews = s.f.counters().get("discipline.correctionSlews");
      s.f.clock.onRound(s.f.roundNow(2 * EngineFixture.MS));
      r.r4 =
          s.f.synchronizedBeforeTheRace()
                  && s.f.counters().get("discipline.correctionSlews") == slews + 1
              ? 1
              : 0;
    }

    @Actor
    public void reader(Fixture s, IIII_Result r) {
      s.f.readTwice(r);
    }
  }

  /**
   * The clock really is 300 ms ahead (two agreeing rounds): backward steps are not allowed by
   * default, so the engine slews the 300 ms back over 30 s.
   */
  @JCStressTest
  @Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "monotonic; the reader finished before the publication")
  @Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "monotonic across the publication")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc = "the engine did not publish a slew (test setup broken)")
  public static class LargeCorrectionBack {
    private static final long DELTA = -300 * EngineFixture.MS;

    @State
    public static class Primed extends Fixture {
      public Primed() {
        // the first round of the jump is held back as an outlier; the racing one confirms it
        f.clock.onRound(f.roundNow(DELTA));
      }
    }

    @Actor
    public void publisher(Primed s, IIII_Result r) {
      CounterSnapshot before = s.f.counters();
      s.f.clock.onRound(s.f.roundNow(DELTA));
      CounterSnapshot after = s.f.counters();
      r.r4 =
          s.f.synchronizedBeforeTheRace()
                  && after.get("discipline.correctionSlews")
                      == before.get("discipline.correctionSlews") + 1
                  && after.get("discipline.correctionSteps")
                      == before.get("discipline.correctionSteps")
              ? 1
              : 0;
    }

    @Actor
    public void reader(Primed s, IIII_Result r) {
      s.f.readTwice(r);
    }
  }

  /** The clock really is 300 ms behind: stepped forward (allowed by default). */
  @JCStressTest
  @Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "monotonic; the reader finished before the publication")
  @Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "monotonic across the publication")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc = "the engine did not publish a step (test setup broken)")
  public static class StepForward {
    private static final long DELTA = 300 * EngineFixture.MS;

    @State
    public static class Primed extends Fixture {
      public Primed() {
        f.clock.onRound(f.roundNow(DELTA));
      }
    }

    @Actor
    public void publisher(Primed s, IIII_Result r) {
      long steps = s.f.counters().get("discipline.correctionSteps");
      s.f.clock.onRound(s.f.roundNow(DELTA));
      r.r4 =
          s.f.synchronizedBeforeTheRace()
                  && s.f.counters().get("discipline.correctionSteps") == steps + 1
              ? 1
              : 0;
    }

    @Actor
    public void reader(Primed s, IIII_Result r) {
      s.f.readTwice(r);
    }
  }

  /** Every server went silent: the engine re-publishes the same function with status HOLDOVER. */
  @JCStressTest
  @Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "monotonic; the reader finished before the publication")
  @Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "monotonic across the publication")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc = "the engine did not enter holdover (test setup broken)")
  public static class Holdover {
    @Actor
    public void publisher(Fixture s, IIII_Result r) {
      boolean synced = s.f.synchronizedBeforeTheRace();
      s.f.clock.onRound(EngineFixture.starved());
      r.r4 = synced && s.f.clock.state().status() == PublishedClock.STATUS_HOLDOVER ? 1 : 0;
    }

    @Actor
    public void reader(Fixture s, IIII_Result r) {
      s.f.readTwice(r);
    }
  }

  /**
   * Two publications inside one publication lead: a slew back, then at once holdover (the second
   * state is anchored after the first's anchor and keeps both predecessors' functions).
   */
  @JCStressTest
  @Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "monotonic; the reader finished before the publications")
  @Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "monotonic across the publications")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc = "the engine did not publish both states (test setup broken)")
  public static class SlewBackThenHoldover {
    @Actor
    public void publisher(Fixture s, IIII_Result r) {
      long slews = s.f.counters().get("discipline.correctionSlews");
      boolean synced = s.f.synchronizedBeforeTheRace();
      s.f.clock.onRound(s.f.roundNow(-2 * EngineFixture.MS));
      s.f.clock.onRound(EngineFixture.starved());
      r.r4 =
          synced
                  && s.f.counters().get("discipline.correctionSlews") == slews + 1
                  && s.f.clock.state().status() == PublishedClock.STATUS_HOLDOVER
              ? 1
              : 0;
    }

    @Actor
    public void reader(Fixture s, IIII_Result r) {
      s.f.readTwice(r);
    }
  }

  /**
   * Two publications inside one publication lead: a slew forward, then at once holdover (the second
   * state is anchored after the first's anchor and keeps both predecessors' functions).
   */
  @JCStressTest
  @Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "monotonic; the reader finished before the publications")
  @Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "monotonic across the publications")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc = "the engine did not publish both states (test setup broken)")
  public static class SlewForwardThenHoldover {
    @Actor
    public void publisher(Fixture s, IIII_Result r) {
      long slews = s.f.counters().get("discipline.correctionSlews");
      boolean synced = s.f.synchronizedBeforeTheRace();
      s.f.clock.onRound(s.f.roundNow(2 * EngineFixture.MS));
      s.f.clock.onRound(EngineFixture.starved());
      r.r4 =
          synced
                  && s.f.counters().get("discipline.correctionSlews") == slews + 1
                  && s.f.clock.state().status() == PublishedClock.STATUS_HOLDOVER
              ? 1
              : 0;
    }

    @Actor
    public void reader(Fixture s, IIII_Result r) {
      s.f.readTwice(r);
    }
  }

  /**
   * The publisher is held up (descheduled, or stopped by a GC pause that the reader survives first)
   * for longer than the lead and the state's validity horizon while raw time goes on: the reader
   * moves the raw clock past the synchronised state's horizon (2 s with the default settings)
   * before reading, at a point that is arbitrary relative to the publisher's steps (two actors, so
   * it runs on two CPUs). If the jump lands between the engine's planning and its volatile write,
   * the reader uses the old state past its horizon (its slower continuation) and then the new
   * state, which slews back from that horizon on: it must stand at or above the continuation. No
   * step back at any time, whatever the stall.
   *
   * <p>Results (the arbiter's): {@code r1} nanoseconds never decreased, {@code r2} milliseconds
   * never decreased and agreed with the nanoseconds, {@code r3} the engine counted a publication
   * written after the old state's horizon, {@code r4} the engine published the slew and its own
   * check found no state below its predecessor.
   */
  @JCStressTest
  @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE, desc = "monotonic; published before the horizon")
  @Outcome(
      id = "1, 1, 1, 1",
      expect = ACCEPTABLE_INTERESTING,
      desc =
          "monotonic; published after the old state's horizon (the reader may have used its continuation)")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "corrected nanoseconds went backwards")
  @Outcome(
      id = "1, 0, .*",
      expect = FORBIDDEN,
      desc = "corrected milliseconds went backwards or disagreed with ns")
  @Outcome(
      id = ".*, 0",
      expect = FORBIDDEN,
      desc =
          "the engine did not publish a slew (test setup broken), or found a state below its predecessor")
  @State
  public static class PublisherHeldUpPastTheLead {
    /** Past the synchronised state's horizon, wherever the race puts it. */
    private static final long JUMP_NANOS =
        CorrectionPlanner.horizonNanos(DisciplineSettings.defaults()) + 30 * EngineFixture.MS;

    final EngineFixture f = new EngineFixture();
    final long slewsBefore = f.counters().get("discipline.correctionSlews");
    EngineFixture.Readings readings;

    @Actor
    public void publisher() {
      f.clock.onRound(f.roundNow(-2 * EngineFixture.MS));
    }

    @Actor
    public void reader() {
      // raw time moves on past the horizon at a point that is arbitrary relative to the publisher
      f.raw.advance(JUMP_NANOS);
      readings = f.read();
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
      CounterSnapshot c = f.counters();
      r.r1 = readings.nanosMonotonic() ? 1 : 0;
      r.r2 = readings.millisConsistent() ? 1 : 0;
      r.r3 = c.get("discipline.latePublications") > 0 ? 1 : 0;
      boolean published =
          f.synchronizedBeforeTheRace() && c.get("discipline.correctionSlews") == slewsBefore + 1;
      r.r4 = published && c.get("discipline.lateBackwardNanos") == 0 ? 1 : 0;
    }
  }
}
