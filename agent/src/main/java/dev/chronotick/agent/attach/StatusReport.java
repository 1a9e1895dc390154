package dev.chronotick.agent.attach;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.openmbean.CompositeData;

/**
 * What {@code status} prints: the agent's status, offset, uncertainty and per-server rows, read
 * from MBean attributes by name. Any value may be missing ({@code null}): it prints as {@code -} in
 * the table and {@code null} in JSON.
 */
public final class StatusReport {
  /** MBean attributes read, in order. */
  public static final List<String> ATTRIBUTES = List.of("Status", "OffsetMillis", "UncertaintyMillis", "Servers");

  /** Keys of one server row, in the order of DESIGN.md's {@code status --json}. */
  public static final List<String> SERVER_KEYS =
      List.of("address", "score", "medianScore", "state", "reach", "delayMillis", "offsetMillis", "lastError");

  private static final String[] TABLE_HEADERS = {
    "ADDRESS", "SCORE", "MEDIAN", "STATE", "REACH", "DELAY ms", "OFFSET ms", "LAST ERROR"
  };

  private final Object status;
  private final Object offsetMillis;
  private final Object uncertaintyMillis;
  private final List<Map<String, Object>> servers;

  public StatusReport(Object status, Object offsetMillis, Object uncertaintyMillis, List<Map<String, Object>> servers) {
    this.status = status;
    this.offsetMillis = offsetMillis;
    this.uncertaintyMillis = uncertaintyMillis;
    List<Map<String, Object>> copy = new ArrayList<>();
    for (Map<String, Object> row : servers) {
      copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    this.servers = Collections.unmodifiableList(copy);
  }

  /** A report from attribute values by name (as read over JMX); unknown shapes are tolerated. */
  public static StatusReport fromAttributes(Map<String, Object> attributes) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Object servers = attributes.get("Servers");
    if (servers instanceof CompositeData[]) {
      for (CompositeData cd : (CompositeData[]) servers) {
        rows.add(row(cd));
      }
    } else if (servers instanceof Object[]) {
      for (Object o : (Object[]) servers) {
        if (o instanceof CompositeData) {
          rows.add(row((CompositeData) o));
        }
      }
    }
    return new StatusReport(attributes.get("Status"), attributes.get("OffsetMillis"),
        negativeIsMissing(attributes.get("UncertaintyMillis")), rows);
  }

  /** The MXBean writes -1 for "no value" where a number cannot be negative (no NaN over JMX). */
  private static Object negativeIsMissing(Object v) {
    return v instanceof Number && ((Number) v).doubleValue() < 0 ? null : v;
  }

  private static Map<String, Object> row(CompositeData cd) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (String key : SERVER_KEYS) {
      row.put(key, cd != null && cd.containsKey(key) ? cd.get(key) : null);
    }
    // the MXBean's rules for missing values: delay -1 without a sample (offset then meaningless),
    // scores 0 with an empty state without health data
    if (row.get("delayMillis") instanceof Number && ((Number) row.get("delayMillis")).doubleValue() < 0) {
      row.put("delayMillis", null);
      row.put("offsetMillis", null);
    }
    if ("".equals(row.get("state"))) {
      row.put("score", null);
      row.put("medianScore", null);
    }
    return row;
  }

  public Object status() {
    return status;
  }

  public Object offsetMillis() {
    return offsetMillis;
  }

  public Object uncertaintyMillis() {
    return uncertaintyMillis;
  }

  public List<Map<String, Object>> servers() {
    return servers;
  }

  /** One JSON object: {@code status}, {@code offsetMillis}, {@code uncertaintyMillis}, {@code servers}. */
  public String toJson() {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"status\":");
    json(b, status == null ? null : status.toString());
    b.append(",\"offsetMillis\":");
    json(b, offsetMillis);
    b.append(",\"uncertaintyMillis\":");
    json(b, uncertaintyMillis);
    b.append(",\"servers\":[");
    for (int i = 0; i < servers.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('{');
      int k = 0;
      for (String key : SERVER_KEYS) {
        if (k++ > 0) {
          b.append(',');
        }
        json(b, key);
        b.append(':');
        json(b, servers.get(i).get(key));
      }
      b.append('}');
    }
    return b.append("]}").toString();
  }

  /** The human-readable form: three summary lines, then one row per server. */
  public String toTable() {
    StringBuilder b = new StringBuilder(256);
    b.append("status       ").append(text(status)).append('\n');
    b.append("offset       ").append(text(offsetMillis)).append(offsetMillis == null ? "" : " ms").append('\n');
    b.append("uncertainty  ").append(text(uncertaintyMillis)).append(uncertaintyMillis == null ? "" : " ms").append('\n');
    if (servers.isEmpty()) {
      return b.append("servers      -\n").toString();
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(TABLE_HEADERS);
    for (Map<String, Object> row : servers) {
      String[] line = new String[SERVER_KEYS.size()];
      for (int i = 0; i < line.length; i++) {
        Object value = row.get(SERVER_KEYS.get(i));
        // the reach register in octal, as chronyc shows it (377 = the last 8 polls answered)
        line[i] = "reach".equals(SERVER_KEYS.get(i)) && value instanceof Number && ((Number) value).intValue() >= 0
            ? Integer.toOctalString(((Number) value).intValue())
            : text(value);
      }
      cells.add(line);
    }
    int[] width = new int[TABLE_HEADERS.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    for (String[] line : cells) {
      StringBuilder l = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        if (i > 0) {
          l.append("  ");
        }
        l.append(i == line.length - 1 ? line[i] : pad(line[i], width[i]));
      }
      b.append(l.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /** Table cell text: {@code -} for missing, numbers with at most 3 decimals. */
  static String text(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return "-";
      }
      String s = String.format(Locale.ROOT, "%.3f", d);
      s = s.replaceAll("0+$", "");
      return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    String s = v.toString();
    return s.isEmpty() ? "-" : s;
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  private static void json(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      b.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : text(v));
    } else if (v instanceof Number) {
      b.append(v);
    } else if (v instanceof Boolean) {
      b.append(v);
    } else {
      String s = v.toString();
      b.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
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
              b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              b.append(c);
            }
        }
      }
      b.append('"');
    }
  }
}
