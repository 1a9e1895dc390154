package dev.chronotick.agent.attach;

import dev.chronotick.runtime.ServerRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * What {@code status} prints: the agent's status, which source gives the time and why, offset,
 * uncertainty and per-server rows, read from MBean attributes by name. Any value may be missing
 * ({@code null}): it prints as {@code -} in the table and {@code null} in JSON.
 */
public final class StatusReport {
  /** MBean attributes read, in order. */
  public static final List<String> ATTRIBUTES =
      List.of(
          "Status",
          "Source",
          "SourceKind",
          "SourceReason",
          "OffsetMillis",
          "UncertaintyMillis",
          "Servers",
          "Counters",
          "Leap");

  /** The counters the table shows (JSON has every one), by their registry names. */
  static final List<String> TABLE_COUNTERS =
      List.of(
          "discipline.rounds",
          "discipline.starvationEvents",
          "discipline.correctionSteps",
          "discipline.correctionSlews",
          "sync.rejectedSamples",
          "sync.fallbackActivations",
          "sync.retryActivations",
          "ntp.timeouts");

  /** Keys of one server row, in the documented order of {@code status --json} (README). */
  public static final List<String> SERVER_KEYS = ServerRow.STATUS_COLUMNS;

  /**
   * The JSON row: the table's keys, whether the server's time is NTS-authenticated, then (null for
   * a plain NTP server) the NTS cookies left, the last key exchange and failed exchanges by reason.
   */
  static final List<String> JSON_SERVER_KEYS =
      List.of(
          "address",
          "score",
          "medianScore",
          "state",
          "reach",
          "delayMillis",
          "offsetMillis",
          "lastError",
          "authenticated",
          "ntsCookies",
          "ntsLastKeyExchange",
          "ntsFailures");

  private static final String[] NTS_HEADERS = {
    "NTS SERVER", "AUTH", "COOKIES", "LAST KEY EXCHANGE", "KE FAILURES"
  };

  private static final String[] TABLE_HEADERS = {
    "ADDRESS", "SCORE", "MEDIAN", "STATE", "REACH", "DELAY ms", "OFFSET ms", "LAST ERROR"
  };

  private final Object status;
  private final Object offsetMillis;
  private final Object uncertaintyMillis;
  private final List<Map<String, Object>> servers;
  private final Map<String, Long> counters;
  private final String source;
  private final String sourceReason;
  private final Object leap;

  public StatusReport(
      Object status,
      Object offsetMillis,
      Object uncertaintyMillis,
      List<Map<String, Object>> servers) {
    this(status, offsetMillis, uncertaintyMillis, servers, Map.of());
  }

  /**
   * @param counters the agent's counters by registry name ({@code sync.rejectedSamples}, ...)
   */
  public StatusReport(
      Object status,
      Object offsetMillis,
      Object uncertaintyMillis,
      List<Map<String, Object>> servers,
      Map<String, Long> counters) {
    this(status, null, null, offsetMillis, uncertaintyMillis, servers, counters);
  }

  /**
   * @param source the source in use ({@code clockbound}, {@code chrony}, {@code host}, {@code
   *     ntp}), or null when the agent does not say
   * @param sourceReason why it is used, or null
   */
  public StatusReport(
      Object status,
      String source,
      String sourceReason,
      Object offsetMillis,
      Object uncertaintyMillis,
      List<Map<String, Object>> servers,
      Map<String, Long> counters) {
    this(status, source, sourceReason, offsetMillis, uncertaintyMillis, servers, counters, null);
  }

  /**
   * @param leap the leap second announced or under way and how it is applied ({@code none}: none),
   *     or null when the agent does not say
   */
  public StatusReport(
      Object status,
      String source,
      String sourceReason,
      Object offsetMillis,
      Object uncertaintyMillis,
      List<Map<String, Object>> servers,
      Map<String, Long> counters,
      Object leap) {
    this.leap = leap;
    this.status = status;
    this.source = source;
    this.sourceReason = sourceReason;
    this.offsetMillis = offsetMillis;
    this.uncertaintyMillis = uncertaintyMillis;
    List<Map<String, Object>> copy = new ArrayList<>();
    for (Map<String, Object> row : servers) {
      copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    this.servers = Collections.unmodifiableList(copy);
    this.counters = Collections.unmodifiableMap(new java.util.TreeMap<>(counters));
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
    Object line = attributes.get("Source");
    Object kind = attributes.get("SourceKind");
    Object why = attributes.get("SourceReason");
    String source = kind instanceof String ? (String) kind : null;
    String reason = why instanceof String ? (String) why : null;
    if (source == null && line instanceof String) {
      // an agent without the SourceKind attribute: the line's first word is the source
      String l = ((String) line).trim();
      int end = 0;
      while (end < l.length() && Character.isLetter(l.charAt(end))) {
        end++;
      }
      source = end == 0 ? null : l.substring(0, end);
      reason = l.substring(end).replaceFirst("^:?\\s*", "");
    }
    return new StatusReport(
        attributes.get("Status"),
        source,
        reason,
        attributes.get("OffsetMillis"),
        negativeIsMissing(attributes.get("UncertaintyMillis")),
        rows,
        counters(attributes.get("Counters")),
        attributes.get("Leap"));
  }

  /**
   * The MXBean's {@code Map<String, Long>} as JMX carries it: rows of {@code key} and {@code
   * value}.
   */
  private static Map<String, Long> counters(Object value) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (value instanceof TabularData) {
      for (Object row : ((TabularData) value).values()) {
        if (row instanceof CompositeData) {
          CompositeData cd = (CompositeData) row;
          Object k = cd.containsKey("key") ? cd.get("key") : null;
          Object v = cd.containsKey("value") ? cd.get("value") : null;
          if (k instanceof String && v instanceof Number) {
            out.put((String) k, ((Number) v).longValue());
          }
        }
      }
    }
    return out;
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
    row.put(
        "authenticated",
        cd != null
            && cd.containsKey("authenticated")
            && Boolean.TRUE.equals(cd.get("authenticated")));
    // NTS state: the MXBean gives -1 cookies for a plain server, whose NTS keys are then null
    Object cookies = cd != null && cd.containsKey("ntsCookies") ? cd.get("ntsCookies") : null;
    if (cookies instanceof Number && ((Number) cookies).intValue() >= 0) {
      row.put("ntsCookies", ((Number) cookies).intValue());
      Object last = cd.containsKey("ntsLastKeyExchange") ? cd.get("ntsLastKeyExchange") : null;
      row.put("ntsLastKeyExchange", last == null || "".equals(last) ? null : last.toString());
      Object failures = cd.containsKey("ntsFailures") ? cd.get("ntsFailures") : null;
      row.put("ntsFailures", failureCounts(failures == null ? "" : failures.toString()));
    } else {
      row.put("ntsCookies", null);
      row.put("ntsLastKeyExchange", null);
      row.put("ntsFailures", null);
    }
    // the MXBean's rules for missing values: delay -1 without a sample (offset then meaningless),
    // scores 0 with an empty state without health data
    if (row.get("delayMillis") instanceof Number
        && ((Number) row.get("delayMillis")).doubleValue() < 0) {
      row.put("delayMillis", null);
      row.put("offsetMillis", null);
    }
    if ("".equals(row.get("state"))) {
      row.put("score", null);
      row.put("medianScore", null);
    }
    return row;
  }

  /** {@code CONNECT_FAILED=2,TIMEOUT=1} (the MXBean's text) as reason → count, in its order. */
  static Map<String, Long> failureCounts(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      try {
        out.put(part.substring(0, eq).trim(), Long.parseLong(part.substring(eq + 1).trim()));
      } catch (NumberFormatException e) {
        // not a count: left out
      }
    }
    return out;
  }

  public Object status() {
    return status;
  }

  /** The source in use, or null when the agent did not say. */
  public String source() {
    return source;
  }

  /** The leap second announced or under way ({@code none}: none), or null when not reported. */
  public Object leap() {
    return leap;
  }

  /** Why that source is used, or null. */
  public String sourceReason() {
    return sourceReason;
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

  /** Every counter by registry name, sorted; empty when the agent gave none. */
  public Map<String, Long> counters() {
    return counters;
  }

  /**
   * One JSON object: {@code status}, {@code source}, {@code sourceReason}, {@code offsetMillis},
   * {@code uncertaintyMillis}, {@code servers}, {@code counters}, and {@code leap} when the agent
   * reports it.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"status\":");
    json(b, status == null ? null : status.toString());
    b.append(",\"source\":");
    json(b, source);
    b.append(",\"sourceReason\":");
    json(b, sourceReason);
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
      for (String key : JSON_SERVER_KEYS) {
        if (k++ > 0) {
          b.append(',');
        }
        json(b, key);
        b.append(':');
        json(b, servers.get(i).get(key));
      }
      b.append('}');
    }
    b.append("],\"counters\":{");
    int c = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      if (c++ > 0) {
        b.append(',');
      }
      json(b, e.getKey());
      b.append(':');
      json(b, e.getValue());
    }
    b.append('}');
    if (leap != null) {
      // absent when the agent does not report it (an older agent)
      b.append(",\"leap\":");
      json(b, leap);
    }
    return b.append('}').toString();
  }

  /**
   * The human-readable form: four summary lines (status, offset, uncertainty, source and why), one
   * row per server, then the main counters.
   */
  public String toTable() {
    StringBuilder b = new StringBuilder(256);
    b.append("status       ").append(text(status)).append('\n');
    b.append("offset       ")
        .append(text(offsetMillis))
        .append(offsetMillis == null ? "" : " ms")
        .append('\n');
    b.append("uncertainty  ")
        .append(text(uncertaintyMillis))
        .append(uncertaintyMillis == null ? "" : " ms")
        .append('\n');
    b.append("source       ")
        .append(text(source))
        .append(sourceReason == null || sourceReason.isEmpty() ? "" : " (" + sourceReason + ")")
        .append('\n');
    if (leap != null && !"none".equals(leap)) {
      b.append("leap second  ").append(text(leap)).append('\n');
    }
    if (servers.isEmpty()) {
      return appendCounters(b.append("servers      -\n")).toString();
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(TABLE_HEADERS);
    for (Map<String, Object> row : servers) {
      String[] line = new String[SERVER_KEYS.size()];
      for (int i = 0; i < line.length; i++) {
        Object value = row.get(SERVER_KEYS.get(i));
        // the reach register in octal, as chronyc shows it (377 = the last 8 polls answered)
        line[i] =
            "reach".equals(SERVER_KEYS.get(i))
                    && value instanceof Number
                    && ((Number) value).intValue() >= 0
                ? Integer.toOctalString(((Number) value).intValue())
                : text(value);
      }
      cells.add(line);
    }
    return appendCounters(appendNts(appendAligned(b, cells))).toString();
  }

  /** The NTS servers' state, one row each, when there are any. */
  private StringBuilder appendNts(StringBuilder b) {
    List<String[]> cells = new ArrayList<>();
    cells.add(NTS_HEADERS);
    for (Map<String, Object> row : servers) {
      if (row.get("ntsCookies") == null) {
        continue;
      }
      Object failures = row.get("ntsFailures");
      cells.add(
          new String[] {
            text(row.get("address")),
            Boolean.TRUE.equals(row.get("authenticated")) ? "yes" : "no",
            text(row.get("ntsCookies")),
            text(row.get("ntsLastKeyExchange")),
            failures instanceof Map && !((Map<?, ?>) failures).isEmpty()
                ? mapText((Map<?, ?>) failures)
                : "-"
          });
    }
    return cells.size() == 1 ? b : appendAligned(b, cells);
  }

  private static String mapText(Map<?, ?> m) {
    StringBuilder s = new StringBuilder();
    m.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return s.toString();
  }

  /** Rows in columns two spaces apart, each as wide as its widest cell (the last left ragged). */
  private static StringBuilder appendAligned(StringBuilder b, List<String[]> cells) {
    int[] width = new int[cells.get(0).length];
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
    return b;
  }

  /** The main counters on one last line, when the agent gave any. */
  private StringBuilder appendCounters(StringBuilder b) {
    StringBuilder shown = new StringBuilder();
    for (String name : TABLE_COUNTERS) {
      if (counters.containsKey(name)) {
        shown
            .append(shown.length() == 0 ? "" : " ")
            .append(name)
            .append('=')
            .append(counters.get(name));
      }
    }
    return shown.length() == 0 ? b : b.append("counters     ").append(shown).append('\n');
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
    } else if (v instanceof Map) {
      b.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (i++ > 0) {
          b.append(',');
        }
        json(b, String.valueOf(e.getKey()));
        b.append(':');
        json(b, e.getValue());
      }
      b.append('}');
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
