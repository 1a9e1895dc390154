/**
 * End-to-end tests with real processes only: real {@code chronyd} servers on 127.0.0.1 (run with
 * {@code -x}, serving this host's clock), an unmodified application ({@code
 * e2eapp.SkewedLegacyApp}) in a child JVM whose wall clock {@code faketime} puts 400 ms behind, the
 * shaded agent jar loaded by {@code -javaagent} or by {@code java -jar chronotick-agent.jar
 * attach}, and the CLI's {@code status} and {@code query} run as separate JVMs. Every test runs on
 * JDK 17 and on Temurin 25.
 *
 * <p>The truth is this test JVM's own, unskewed wall clock: each reading of the child is bracketed
 * by the test's clock before the request and after the reply ({@link
 * dev.chronotick.agent.e2e.TruthBracket}), and the six everyday APIs must lie within 5 ms of that
 * bracket. Every wait is a read of the child's output with a deadline (its {@code READY} line, the
 * agent's {@code clock status UNSYNCHRONIZED -> SYNCHRONIZED} log line), never a sleep. The chronyd
 * of a class are shared by its tests, and the agented application of {@code PremainChronydIT} by
 * its tests, to keep the run short on a small machine.
 *
 * <p>Prior art: chrony's own system tests (a simulated or real clock offset, real chronyd, checks
 * on the reported offset) and libfaketime's use for time-dependent tests; {@code faketime} only
 * ever affects the one child it wraps (see {@link dev.chronotick.agent.e2e.Faketime}). The tests
 * skip, with a message, only where chronyd or faketime is not installed; {@code .ci/run} installs
 * both.
 */
package dev.chronotick.agent.e2e;
