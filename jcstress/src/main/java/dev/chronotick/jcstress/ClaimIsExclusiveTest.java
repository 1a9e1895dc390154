package dev.chronotick.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.chronotick.bridge.ClockBridge;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Two collectors (say the agent's and a library's) race {@link ClockBridge#claim}: at no moment do
 * both own publication. Each actor claims, and while it believes it owns the bridge counts itself
 * into a JVM-wide holder count and checks {@link ClockBridge#owner()}, then releases.
 *
 * <p>Result per actor: 1 = claimed and was the only owner; 0 = the other collector owned the
 * bridge; 2 = claimed while someone else also held it, or the owner was not itself (forbidden).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both owned the bridge, one after the other")
@Outcome(
    id = {"1, 0", "0, 1"},
    expect = ACCEPTABLE,
    desc = "one owned it; the other was refused meanwhile")
@Outcome(
    id = "0, 0",
    expect = ACCEPTABLE_INTERESTING,
    desc =
        "each was refused while the other held it (from neighbouring iterations: the bridge is JVM-wide)")
@Outcome(
    id = {"2, .*", ".*, 2"},
    expect = FORBIDDEN,
    desc = "two owners at once")
@State
public class ClaimIsExclusiveTest {
  /** Owners at this moment, across all iterations: the bridge itself is one per JVM. */
  private static final AtomicInteger HOLDERS = new AtomicInteger();

  @Actor
  public void agent(II_Result r) {
    r.r1 = attempt("agent-collector");
  }

  @Actor
  public void library(II_Result r) {
    r.r2 = attempt("library-collector");
  }

  private static int attempt(String who) {
    if (!ClockBridge.claim(who)) {
      return 0;
    }
    int holders = HOLDERS.incrementAndGet();
    boolean mine = who.equals(ClockBridge.owner());
    HOLDERS.decrementAndGet();
    ClockBridge.release(who);
    return holders == 1 && mine ? 1 : 2;
  }
}
