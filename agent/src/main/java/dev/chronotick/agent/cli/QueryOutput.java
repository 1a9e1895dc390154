package dev.chronotick.agent.cli;

import dev.chronotick.ntp.Sample;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two renderings of one {@code query} round.
 *
 * <p>{@link #table(RoundResult)} is for people, modelled on {@code chronyc sources}: one line per
 * server with a state symbol ({@code *} selected, {@code +} combined, {@code x} falseticker, {@code
 * !} rejected, {@code ?} timeout — chrony's own symbols where it has them), stratum, offset and
 * delay in milliseconds, the status word and the reason; then the chosen offset ± uncertainty, how
 * many servers it rests on, the round's elapsed time, and whether thresholds had to be relaxed.
 *
 * <p>{@link #json(RoundResult)} is for programs: exactly one JSON object, {@code offsetMillis},
 * {@code uncertaintyMillis} (both {@code null} when no time was selected), {@code elapsedMillis},
 * {@code relaxed}, {@code retries} and {@code servers}, each with {@code address}, {@code
 * offsetMillis}, {@code delayMillis}, {@code stratum} ({@code null} without a valid sample), {@code
 * status} ({@code selected|combined|falseticker|rejected|timeout}) and, for the last three, {@code
 * reason} (a {@code RejectReason} name such as {@code KOD_RATE}, or {@code FALSETICKER} / {@code
 * TIMEOUT}) and {@code detail} when there is one. Milliseconds are exact decimals of the nanosecond
 * values (up to six places), never in exponent form.
 */
public final class QueryOutput {
  private static final int MIN_ADDRESS_WIDTH = 24;
  private static final int MAX_ADDRESS_WIDTH = 60;

  /** What the table's reason column says of a sample from a verified NTS reply. */
  static final String AUTHENTICATED = "NTS-authenticated";

  private QueryOutput() {}

  /** Exact milliseconds of a nanosecond count. */
  static BigDecimal millis(long nanos) {
    return BigDecimal.valueOf(nanos, 6);
  }

  /** Milliseconds with three decimals, e.g. {@code 12.345}; signed ({@code +1.000}) when asked. */
  static String millisText(long nanos, boolean signed) {
    String s = millis(nanos).setScale(3, RoundingMode.HALF_UP).toPlainString();
    return signed && nanos >= 0 ? "+" + s : s;
  }

  static char symbol(ServerStatus status) {
    switch (status) {
      case SELECTED:
        return '*';
      case COMBINED:
        return '+';
      case FALSETICKER:
        return 'x';
      case REJECTED:
        return '!';
      default:
        return '?';
    }
  }

  /**
   * The reason shown for a falseticker, rejected or timed-out server; null for selected / combined.
   */
  static String reasonCode(ServerReport r) {
    switch (r.status()) {
      case SELECTED:
      case COMBINED:
        return null;
      default:
        return r.reason() != null ? r.reason().name() : r.status().name();
    }
  }

  /**
   * True when the server's sample came from a verified NTS reply: an NTS server's samples are all
   * authenticated (unverified replies never become samples), a plain server's never.
   */
  static boolean authenticated(ServerReport r) {
    return r.best() != null && r.server().isNts();
  }

  /** The human table. Ends with a newline. */
  public static String table(RoundResult result) {
    int width = MIN_ADDRESS_WIDTH;
    for (ServerReport r : result.servers()) {
      width = Math.max(width, Math.min(MAX_ADDRESS_WIDTH, r.server().toString().length()));
    }
    String rowFormat = "%c  %-" + width + "s %7s %12s %11s  %-11s  %s";
    StringBuilder sb = new StringBuilder();
    String header =
        String.format(
                Locale.ROOT,
                rowFormat,
                'S',
                "Server",
                "Stratum",
                "Offset ms",
                "Delay ms",
                "Status",
                "Reason")
            .stripTrailing();
    sb.append(header).append('\n');
    String rule = "=".repeat(Math.max(header.length(), 40));
    sb.append(rule).append('\n');
    Map<ServerStatus, Integer> counts = new EnumMap<>(ServerStatus.class);
    for (ServerReport r : result.servers()) {
      counts.merge(r.status(), 1, Integer::sum);
      Sample s = r.best();
      String address = r.server().toString();
      if (address.length() > width) {
        address = address.substring(0, width - 1) + "…";
      }
      String reason = reasonCode(r);
      if (reason != null && !r.detail().isEmpty()) {
        reason = reason + " (" + oneLine(r.detail()) + ")";
      }
      if (authenticated(r)) {
        reason = reason == null ? AUTHENTICATED : reason + ", " + AUTHENTICATED;
      }
      sb.append(
              String.format(
                      Locale.ROOT,
                      rowFormat,
                      symbol(r.status()),
                      address,
                      s == null ? "-" : Integer.toString(s.stratum()),
                      s == null ? "-" : millisText(s.offsetNanos(), true),
                      s == null ? "-" : millisText(s.delayNanos(), false),
                      r.status().label(),
                      reason == null ? "" : reason)
                  .stripTrailing())
          .append('\n');
    }
    if (result.servers().isEmpty()) {
      sb.append("(no servers)\n");
    }
    sb.append(rule).append('\n');
    int used =
        counts.getOrDefault(ServerStatus.SELECTED, 0)
            + counts.getOrDefault(ServerStatus.COMBINED, 0);
    String tally = tally(counts);
    if (result.hasTime()) {
      sb.append("Offset ")
          .append(millisText(result.offsetNanos(), true))
          .append(" ms ± ")
          .append(millisText(result.uncertaintyNanos(), false))
          .append(" ms")
          .append(
              result.offsetNanos() >= 0
                  ? " (server − local: the local clock is behind)\n"
                  : " (server − local: the local clock is ahead)\n");
      sb.append(used)
          .append(" of ")
          .append(result.servers().size())
          .append(" servers used")
          .append(tally.isEmpty() ? "" : " (" + tally + ")");
    } else {
      sb.append("No time selected: no server passed")
          .append(tally.isEmpty() ? "" : " (" + tally + ")");
    }
    sb.append(" · round ").append(millisText(result.elapsedNanos(), false)).append(" ms");
    if (result.hasTime()) {
      sb.append(result.relaxed() ? " · thresholds relaxed x2 (fallback)" : " · strict thresholds");
    }
    if (result.retries() > 0) {
      sb.append(" · after ")
          .append(result.retries())
          .append(result.retries() == 1 ? " retry" : " retries");
    }
    sb.append('\n');
    sb.append("S: * selected, + combined, x falseticker, ! rejected, ? timeout\n");
    return sb.toString();
  }

  private static String tally(Map<ServerStatus, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    appendCount(sb, counts.get(ServerStatus.FALSETICKER), "falseticker", "falsetickers");
    appendCount(sb, counts.get(ServerStatus.REJECTED), "rejected", "rejected");
    appendCount(sb, counts.get(ServerStatus.TIMEOUT), "timed out", "timed out");
    return sb.toString();
  }

  private static void appendCount(StringBuilder sb, Integer n, String one, String many) {
    if (n == null || n == 0) {
      return;
    }
    if (sb.length() > 0) {
      sb.append(", ");
    }
    sb.append(n).append(' ').append(n == 1 ? one : many);
  }

  private static String oneLine(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    return sb.toString();
  }

  /**
   * The JSON object of a round that could not run at all: the same fields, {@code offsetMillis},
   * {@code uncertaintyMillis} and {@code elapsedMillis} null, no servers, and {@code error}.
   */
  public static String jsonError(String error) {
    return new JsonWriter()
        .beginObject()
        .name("offsetMillis")
        .nullValue()
        .name("uncertaintyMillis")
        .nullValue()
        .name("elapsedMillis")
        .nullValue()
        .name("relaxed")
        .value(false)
        .name("retries")
        .value(0)
        .name("servers")
        .beginArray()
        .endArray()
        .name("error")
        .value(error)
        .endObject()
        .toString();
  }

  /** The JSON object, one line, no trailing newline. */
  public static String json(RoundResult result) {
    JsonWriter w = new JsonWriter().beginObject();
    w.name("offsetMillis").value(result.hasTime() ? millis(result.offsetNanos()) : null);
    w.name("uncertaintyMillis").value(result.hasTime() ? millis(result.uncertaintyNanos()) : null);
    w.name("elapsedMillis").value(millis(result.elapsedNanos()));
    w.name("relaxed").value(result.hasTime() && result.relaxed());
    w.name("retries").value(result.retries());
    w.name("servers").beginArray();
    for (ServerReport r : result.servers()) {
      Sample s = r.best();
      w.beginObject();
      w.name("address").value(r.server().toString());
      w.name("offsetMillis").value(s == null ? null : millis(s.offsetNanos()));
      w.name("delayMillis").value(s == null ? null : millis(s.delayNanos()));
      w.name("stratum").value(s == null ? null : Integer.valueOf(s.stratum()));
      w.name("status").value(r.status().label());
      w.name("authenticated").value(authenticated(r));
      String reason = reasonCode(r);
      if (reason != null) {
        w.name("reason").value(reason);
        if (!r.detail().isEmpty()) {
          w.name("detail").value(r.detail());
        }
      }
      w.endObject();
    }
    w.endArray();
    return w.endObject().toString();
  }
}
