/**
 * The composition root: the JVM-wide collector ({@link dev.chronotick.runtime.CollectorLauncher},
 * {@link dev.chronotick.runtime.JvmClockRuntime}), the NTP round source wiring, the report every
 * monitoring view reads ({@link dev.chronotick.runtime.ClockReport}), JMX, and independent clocks
 * ({@link dev.chronotick.runtime.IndependentClock}).
 *
 * <p>{@code IndependentClock} is the clock behind the public {@code CorrectedClock.builder()}, with
 * what the public builder leaves out: injected wall clock, ticker, round source and discipline
 * settings, and the drivers {@code pollNow()}, {@code onRound()} and {@code watchdogNow()} that let
 * tests, benchmarks and jcstress run a clock without background threads. It lives here rather than
 * in {@code testkit} because {@code testkit} is a test-scope dependency of this module and so
 * cannot depend on it (a Maven cycle), and rather than in a test jar because jcstress and the
 * benchmarks use it from their main code. The module descriptor does not export this package, so
 * none of it is published API.
 *
 * <p>The published state itself ({@code PublishedClock}, {@code ClockBridge}) is in the bridge
 * module, loaded on the boot class path by the agent.
 */
package dev.chronotick.runtime;
