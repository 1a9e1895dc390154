/**
 * State shared between the collector and every reader, and its management view.
 *
 * <p>{@link dev.chronotick.bridge.PublishedClock} and {@link dev.chronotick.bridge.ClockBridge}
 * are loaded on the boot class path by the agent (so instrumented JDK classes can call them) and
 * reference only {@code java.base}. Like OpenTelemetry's Java agent bootstrap split, they are the
 * smallest possible surface: one volatile field holding one immutable object. The other classes
 * here (JMX, the default collector wiring, the runtime registry) live in the normal class path.
 */
package dev.chronotick.runtime;
