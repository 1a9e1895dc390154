package dev.chronotick.agent.log;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One named logger writing {@code [chronotick] LEVEL name - message} lines to the sink of its
 * {@link AgentLoggerFactory}. The threshold is read from the factory on every call so that {@code
 * logLevel} set by a later {@code attach} applies to loggers already handed out.
 */
final class AgentLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient AgentLoggerFactory factory;
  private final String shortName;

  AgentLogger(String name, AgentLoggerFactory factory) {
    this.name = name;
    this.factory = factory;
    int dot = name.lastIndexOf('.');
    this.shortName = dot < 0 ? name : name.substring(dot + 1);
  }

  private boolean enabled(LogLevel level) {
    return level.compareTo(factory.level()) >= 0 && factory.level() != LogLevel.OFF;
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(LogLevel.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(LogLevel.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(LogLevel.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(LogLevel.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(LogLevel.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
    StringBuilder line = new StringBuilder(128);
    line.append("[chronotick] ").append(level.name()).append(' ').append(shortName).append(" - ");
    line.append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
    if (throwable != null) {
      line.append(": ").append(throwable);
    }
    PrintStream sink = factory.sink();
    synchronized (sink) {
      sink.println(line);
      if (throwable != null && enabled(LogLevel.DEBUG)) {
        throwable.printStackTrace(sink);
      }
    }
    LogFile file = AgentLoggerFactory.file();
    if (file != null) {
      file.write(
          line,
          level.name(),
          shortName,
          MessageFormatter.basicArrayFormat(messagePattern, arguments),
          throwable);
    }
  }
}
