/**
 * The agent's own SLF4J 2 binding: one line per event on {@code System.err}, prefixed {@code
 * [chronotick]}.
 *
 * <p>The shaded agent jar relocates {@code org.slf4j} under {@code dev.chronotick.shaded.slf4j},
 * and the shade plugin's services transformer relocates this provider's {@code META-INF/services}
 * registration with it, so the agent's logging never meets the application's own SLF4J binding
 * (Logback, Log4j, ...) and never changes it. This follows {@code slf4j-simple}'s shape, cut down
 * to what an agent needs: a level threshold (option {@code logLevel}, default INFO) and no
 * configuration files.
 *
 * <p>In the shaded jar SLF4J's {@code LoggerFactory} is replaced by {@link
 * dev.chronotick.agent.log.RelocatedLoggerFactory}, which hands out this provider's loggers with no
 * binding step at all. Unshaded, premain binds SLF4J to this provider by class name ({@link
 * dev.chronotick.agent.log.AgentLogServiceProvider#bindDirectly}) rather than letting it scan the
 * class path with a {@code ServiceLoader}. Nothing on the premain path uses a lambda or an indy
 * string concatenation (the agent module compiles with {@code -XDstringConcat=inline}): the first
 * of either in a JVM spins lambda forms, which the application would wait for.
 */
package dev.chronotick.agent.log;
