/**
 * Loopback NTP servers with configurable faults, and a chronyd launcher, for tests, the demo and
 * benchmarks.
 *
 * <p>{@link dev.chronotick.testkit.TestNtpServer} simulates one server: a "true time" (host raw
 * clock + offset), real one-way delays with seeded jitter and loss, and the faults a client must
 * survive (Kiss-o'-Death, unsynchronised, wrong origin, garbage, wrong source port, floods). Its
 * packets are encoded by hand so that it cross-checks the engine's commons-net based codec rather
 * than sharing its bugs. {@link dev.chronotick.testkit.ChronydServer} runs the reference
 * implementation, chrony, on 127.0.0.1 with {@code -x} so it can never touch the system clock. The
 * module depends on nothing but the JDK.
 */
package dev.chronotick.testkit;
