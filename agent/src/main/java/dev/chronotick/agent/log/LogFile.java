package dev.chronotick.agent.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The agent's optional log file: each line appended and flushed, as the stderr text or as one JSON
 * object ({@code time}, {@code level}, {@code logger}, {@code tag} when the message starts with one
 * such as {@code [NTP_STARVATION]}, {@code message}, {@code error}). A write that fails is dropped;
 * nothing is thrown into the caller.
 */
final class LogFile {
  final String path;
  private final boolean json;
  private final PrintWriter out;

  private LogFile(String path, boolean json, PrintWriter out) {
    this.path = path;
    this.json = json;
    this.out = out;
  }

  /** The file at {@code path}, or null after one line on stderr when it cannot be opened. */
  static LogFile open(String path, boolean json) {
    try {
      PrintWriter out =
          new PrintWriter(
              new OutputStreamWriter(new FileOutputStream(path, true), StandardCharsets.UTF_8),
              false);
      return new LogFile(path, json, out);
    } catch (IOException | RuntimeException e) {
      System.err.println("[chronotick] WARN logFile " + path + " cannot be opened: " + e);
      return null;
    }
  }

  synchronized void write(
      CharSequence textLine, String level, String logger, String message, Throwable error) {
    if (json) {
      out.println(json(System.currentTimeMillis(), level, logger, message, error));
    } else {
      out.println(textLine);
    }
    out.flush();
  }

  /** One JSON object for one log event. */
  static String json(
      long epochMillis, String level, String logger, String message, Throwable error) {
    StringBuilder b = new StringBuilder(160);
    b.append("{\"time\":\"").append(Instant.ofEpochMilli(epochMillis)).append('"');
    field(b, "level", level);
    field(b, "logger", logger);
    String m = message == null ? "" : message;
    if (m.startsWith("[") && m.indexOf(']') > 1) {
      String tag = m.substring(1, m.indexOf(']'));
      boolean isTag = true;
      for (int i = 0; i < tag.length(); i++) {
        char c = tag.charAt(i);
        isTag &= c == '_' || (c >= 'A' && c <= 'Z');
      }
      if (isTag) {
        field(b, "tag", tag);
      }
    }
    field(b, "message", m);
    if (error != null) {
      field(b, "error", error.toString());
    }
    return b.append('}').toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(",\"").append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 15, 16));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }

  synchronized void close() {
    out.close();
  }
}
