/**
 * The agent's own SLF4J 2 binding: one line per event on {@code System.err}, prefixed
 * {@code [chronotick]}.
 *
 * <p>The shaded agent jar relocates {@code org.slf4j} under {@code dev.chronotick.shaded.slf4j},
 * and the shade plugin's services transformer relocates this provider's
 * {@code META-INF/services} registration with it, so the agent's logging never meets the
 * application's own SLF4J binding (Logback, Log4j, ...) and never changes it. This follows
 * {@code slf4j-simple}'s shape, cut down to what an agent needs: a level threshold (option
 * {@code logLevel}, default INFO) and no configuration files.
 */
package dev.chronotick.agent.log;
