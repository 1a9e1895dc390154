package dev.chronotick.agent.log;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** Hands out {@link AgentLogger}s; holds the one threshold and the sink (stderr) they share. */
public final class AgentLoggerFactory implements ILoggerFactory {
  private static volatile LogLevel level =
      LogLevel.parse(System.getProperty("chronotick.logLevel"), LogLevel.INFO);

  /** The optional second sink (option {@code logFile}), or null. */
  private static volatile LogFile file;

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final PrintStream sink;

  public AgentLoggerFactory() {
    this(System.err);
  }

  /** A factory writing to {@code sink}; for tests. */
  public AgentLoggerFactory(PrintStream sink) {
    this.sink = sink;
  }

  /** Sets the threshold of every agent logger (option {@code logLevel}). */
  public static void setLevel(LogLevel next) {
    level = next == null ? LogLevel.INFO : next;
  }

  /** The current threshold. */
  public static LogLevel level() {
    return level;
  }

  PrintStream sink() {
    return sink;
  }

  /**
   * Also writes every line to {@code path} (appended), as text or one JSON object a line (options
   * {@code logFile}, {@code logFormat}); null stops it. A file that cannot be opened is one line on
   * stderr and no file sink. Never throws.
   */
  public static void setFile(String path, boolean json) {
    LogFile previous = file;
    file = path == null || path.isEmpty() ? null : LogFile.open(path, json);
    if (previous != null && (file == null || !previous.path.equals(file.path))) {
      previous.close();
    }
  }

  static LogFile file() {
    return file;
  }

  @Override
  public Logger getLogger(String name) {
    // No lambda here: the first one in a JVM spins lambda forms, which premain would pay for.
    Logger logger = loggers.get(name);
    if (logger == null) {
      Logger fresh = new AgentLogger(name, this);
      logger = loggers.putIfAbsent(name, fresh);
      if (logger == null) {
        logger = fresh;
      }
    }
    return logger;
  }
}
