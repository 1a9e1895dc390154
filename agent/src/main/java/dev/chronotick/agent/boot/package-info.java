/**
 * Puts the clock bridge on the bootstrap class path.
 *
 * <p>Instrumented JDK classes ({@code java.util.Date}, {@code java.time.Clock}, ...) are defined by
 * the bootstrap loader and can only link against classes that loader sees. So before anything loads
 * {@code dev.chronotick.bridge.ClockBridge}, premain copies the bridge module's jar (built by the
 * {@code bridge} module, whose module descriptor limits it to {@code java.base}; nested in the
 * agent jar as a resource) to a temporary file and calls {@link
 * java.lang.instrument.Instrumentation#appendToBootstrapClassLoaderSearch}. From then on,
 * parent-first delegation resolves every copy of the bridge in the JVM (the agent's, and the one in
 * an application's own {@code chronotick-api} jar) to the boot copy: one clock per JVM.
 *
 * <p>It runs before {@code main}, so it is kept cheap: one resource copied as it is, to a temporary
 * file with a {@code nanoTime}-based name (no {@code SecureRandom}, no {@code ProcessHandle}).
 *
 * <p>Classes in this package must not reference the bridge classes themselves; the agent class that
 * does is loaded only after {@link dev.chronotick.agent.boot.BootBridgeInstaller#install} returned.
 * This is the split OpenTelemetry's Java agent makes between its {@code bootstrap} jar and the
 * rest.
 */
package dev.chronotick.agent.boot;
