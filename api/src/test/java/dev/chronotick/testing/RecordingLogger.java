package dev.chronotick.testing;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Keeps every formatted log line, prefixed with its level, so tests can check the log tags. */
public final class RecordingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  public final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

  public RecordingLogger() {
    this.name = "recording";
  }

  public long count(String tag) {
    synchronized (lines) {
      return lines.stream().filter(l -> l.contains(tag)).count();
    }
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
    lines.add(level + " " + MessageFormatter.basicArrayFormat(messagePattern, arguments));
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
