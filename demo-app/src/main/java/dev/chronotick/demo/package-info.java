/**
 * The offline demo: {@code java -jar chronotick-demo.jar}.
 *
 * <p>The data flows in one direction, one class per step: {@link dev.chronotick.demo.DemoOptions}
 * (command line) → {@code LocalServers} (loopback NTP servers from the test kit, a known offset
 * ahead of this host: three honest, one falseticker, one silent) → a child JVM running the
 * unmodified {@code com.example.legacy.LegacyApp} with {@code -javaagent} ({@code AgentJar}
 * extracts the agent built into the demo jar) → {@code ChildLines} parses its lines into {@link
 * dev.chronotick.demo.Tick}s and {@link dev.chronotick.demo.Probe}s → {@code Timeline} lines them
 * up with this JVM's raw clock → {@link dev.chronotick.demo.Summary} and {@code SvgChart}.
 *
 * <p>Measuring without the pipe's latency: the child prints {@code System.nanoTime()} with each
 * reading; on one host that is the same monotonic clock in every process and the agent never
 * touches it, so the demo converts it to its own raw wall time and compares the app's reading with
 * the servers' truth (raw + offset) at the moment it was taken. Everything from the child's output
 * on is plain values, tested without processes; one smoke test runs the real thing on loopback.
 *
 * <p>Prior art: chrony's {@code chronyc tracking}/{@code sources} output for what to show (offset,
 * bounds, which sources were used or rejected), TrueTime's {@code [earliest, latest]} interval for
 * the bounds band, and the test kit's simulated servers (the same ones the engine's tests use).
 */
package dev.chronotick.demo;
