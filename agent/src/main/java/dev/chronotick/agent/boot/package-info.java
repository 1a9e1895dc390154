/**
 * Puts the clock bridge on the bootstrap class path.
 *
 * <p>Instrumented JDK classes ({@code java.util.Date}, {@code java.time.Clock}, ...) are defined by
 * the bootstrap loader and can only link against classes that loader sees. So before anything
 * loads {@code dev.chronotick.internal.ClockBridge}, premain copies the bridge's class files
 * ({@code ClockBridge*} and {@code PublishedClock*}, which reference only {@code java.base}) from
 * the agent jar into a small temporary jar and calls
 * {@link java.lang.instrument.Instrumentation#appendToBootstrapClassLoaderSearch}. From then on,
 * parent-first delegation resolves every copy of the bridge in the JVM (the agent's, and the one in
 * an application's own {@code chronotick-api} jar) to the boot copy: one clock per JVM.
 *
 * <p>It runs before {@code main}, so it is kept cheap (see {@code benchmarks/RESULTS.md ("Agent start-up and call-site cost")}): the
 * two class files are read from the agent jar by name (its thousands of entries are listed only if
 * the bridge names a nested class), the temporary jar gets a {@code nanoTime}-based name (no
 * {@code SecureRandom}, no {@code ProcessHandle}) and entries with a fixed local timestamp (no
 * time-zone database).
 *
 * <p>Classes in this package must not reference the bridge classes themselves; the agent class
 * that does is loaded only after {@link dev.chronotick.agent.boot.BootBridgeInstaller#install}
 * returned. This is the split OpenTelemetry's Java agent makes between its
 * {@code bootstrap} jar and the rest.
 */
package dev.chronotick.agent.boot;
