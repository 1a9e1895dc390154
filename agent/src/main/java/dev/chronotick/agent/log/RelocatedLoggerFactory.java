package dev.chronotick.agent.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's {@code LoggerFactory} as the shaded agent jar has it: the shade plugin relocates {@code
 * org.slf4j.LoggerFactory} to this class (and leaves SLF4J's own out), so every {@code
 * LoggerFactory.getLogger} of the agent and of the engine it runs lands here and gets an {@link
 * AgentLogger} of the one {@link AgentLogServiceProvider}. SLF4J's factory binds a provider first
 * (a system property read and a reflective instantiation, or a {@code ServiceLoader} scan of the
 * class path), formats its report with {@code String.format} and sets up substitute loggers and an
 * MDC: classes and work premain would do before the first sync, for a binding that is always the
 * same here. Unshaded (the agent module's own tests) SLF4J's factory is used as usual.
 *
 * <p>The methods are those SLF4J's other classes call on their factory ({@code getProvider} from
 * {@code MDC} and {@code MarkerFactory}, {@code getLogger} from a deserialised logger) and the ones
 * the agent and engine use.
 */
public final class RelocatedLoggerFactory {
  private static final AgentLogServiceProvider PROVIDER = initialized();

  private RelocatedLoggerFactory() {}

  private static AgentLogServiceProvider initialized() {
    AgentLogServiceProvider provider = new AgentLogServiceProvider();
    provider.initialize();
    return provider;
  }

  /** The agent's logger named {@code name}. */
  public static Logger getLogger(String name) {
    return PROVIDER.getLoggerFactory().getLogger(name);
  }

  /** The agent's logger named after {@code clazz}. */
  public static Logger getLogger(Class<?> clazz) {
    return getLogger(clazz.getName());
  }

  /** The agent's logger factory. */
  public static ILoggerFactory getILoggerFactory() {
    return PROVIDER.getLoggerFactory();
  }

  /** The agent's provider (what SLF4J's {@code MDC} and {@code MarkerFactory} ask for). */
  public static SLF4JServiceProvider getProvider() {
    return PROVIDER;
  }
}
