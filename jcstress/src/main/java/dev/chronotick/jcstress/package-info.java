/**
 * Concurrency proofs for the corrected clock's hot path, run with OpenJDK jcstress.
 *
 * <p>The hot path is one immutable {@link dev.chronotick.bridge.PublishedClock} behind one volatile
 * field; readers take the state, a raw reading and the state again (retrying if a publication came
 * in between) and evaluate the state's correction function at that raw reading. These tests let
 * jcstress race readers against the real publishers under every interleaving and memory-model
 * reordering it can provoke, and grade each observed outcome:
 *
 * <ul>
 *   <li>{@link dev.chronotick.jcstress.PublicationIsAtomicTest}: a reader of {@link
 *       dev.chronotick.bridge.ClockBridge} racing a publication sees every field of one publication
 *       (offset, bounds, status, the derived fast-path constants), never a mix;
 *   <li>{@link dev.chronotick.jcstress.ReadsNeverGoBackTest}: readers of a real {@link
 *       dev.chronotick.runtime.IndependentClock} (the clock behind {@code
 *       CorrectedClock.builder()}) racing the real engine while it publishes a slew back, a slew
 *       forward, a large backward correction, a forward step, holdover, and two publications inside
 *       one publication lead never see corrected time (nanoseconds or milliseconds) go backwards;
 *       one more variant measures the documented, bounded limit of a publisher held up past its
 *       publication lead;
 *   <li>{@link dev.chronotick.jcstress.ClaimIsExclusiveTest}: two collectors racing {@link
 *       dev.chronotick.bridge.ClockBridge#claim} never both own publication.
 * </ul>
 *
 * <p>Raw time is a per-test counter that every reading advances ({@link SteppedRawClock}), so an
 * outcome is a property of the code, not of the scheduler's timing, and a failing outcome can be
 * replayed by reasoning. The structure follows the jcstress samples (one {@code @State} per test,
 * results in {@code *_Result} objects, every outcome named ACCEPTABLE or FORBIDDEN, unlisted
 * outcomes FORBIDDEN). How to run them and the last results: {@code docs/CONCURRENCY.md} and {@code
 * benchmarks/RESULTS.md ("Concurrency (jcstress)")}.
 */
package dev.chronotick.jcstress;
