package dev.chronotick.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A reader of the JVM-wide {@link ClockBridge} racing a publication never sees a torn state: the
 * offset from one publication and the bounds, status or fast-path constants from another. The
 * publisher constructs the state in the racing thread (so its fields are written just before the
 * volatile publication, the case the memory model has to get right); every field is derived from
 * the generation number, and the reader checks all of them against the generation it read.
 *
 * <p>{@code r1}: 1 when everything read belongs to one publication. {@code r2}: 1 when it was this
 * iteration's publication, 0 when an earlier one (iterations share the static bridge, as every
 * collector in a JVM does).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "a whole state: the one this iteration published")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "a whole state: an earlier publication")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "torn: fields from different publications")
@State
public class PublicationIsAtomicTest {
  private static final AtomicLong GENERATIONS = new AtomicLong();

  private final long generation = GENERATIONS.incrementAndGet();

  @Actor
  public void publisher() {
    ClockBridge.publish(GenerationClocks.of(generation));
  }

  @Actor
  public void reader(II_Result r) {
    PublishedClock s = ClockBridge.state();
    r.r1 = GenerationClocks.consistent(s) ? 1 : 0;
    r.r2 = s.generation() == generation ? 1 : 0;
  }
}
