package dev.chronotick.agent.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.helpers.Reporter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/** The SLF4J 2 service provider of the agent jar (registered in {@code META-INF/services}). */
public final class AgentLogServiceProvider implements SLF4JServiceProvider {
  /** The SLF4J API version this provider is written against. */
  public static final String REQUESTED_API_VERSION = "2.0.99";

  private AgentLoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  /**
   * Binds the agent's (relocated) SLF4J to this provider by name. Without it, SLF4J's first use
   * looks providers up with a {@code ServiceLoader} scan of the class path, which costs premain
   * tens of milliseconds; and an application that sets {@code slf4j.provider} for its own SLF4J
   * would otherwise send the agent's copy after a class it cannot load. The system property is set
   * only for the moment of binding and then restored, so the application's SLF4J never sees our
   * value. In the shaded jar the factory is {@link RelocatedLoggerFactory}, bound by construction:
   * this only initialises it. Never throws.
   */
  public static void bindDirectly() {
    try {
      String previousProvider = System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY);
      String previousVerbosity = System.getProperty(Reporter.SLF4J_INTERNAL_VERBOSITY_KEY);
      System.setProperty(
          LoggerFactory.PROVIDER_PROPERTY_KEY, AgentLogServiceProvider.class.getName());
      // SLF4J reports the explicit provider at INFO on stderr; the host's stderr is not the place.
      System.setProperty(Reporter.SLF4J_INTERNAL_VERBOSITY_KEY, "WARN");
      try {
        LoggerFactory.getILoggerFactory();
      } finally {
        restore(LoggerFactory.PROVIDER_PROPERTY_KEY, previousProvider);
        restore(Reporter.SLF4J_INTERNAL_VERBOSITY_KEY, previousVerbosity);
      }
    } catch (RuntimeException | LinkageError e) {
      System.err.println("[chronotick] WARN logging set-up: " + e);
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return REQUESTED_API_VERSION;
  }

  @Override
  public void initialize() {
    loggerFactory = new AgentLoggerFactory();
    markerFactory = new BasicMarkerFactory();
    mdcAdapter = new NOPMDCAdapter();
  }
}
