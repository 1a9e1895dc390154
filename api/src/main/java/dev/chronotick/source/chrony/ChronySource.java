package dev.chronotick.source.chrony;

import dev.chronotick.discipline.RoundSource;
import dev.chronotick.sync.RoundResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A running chronyd as a source: each poll asks for its tracking report and yields chrony's current
 * correction as the offset (server time − local time: the system clock plus the correction is
 * chrony's estimate of true time) with the bound
 *
 * <pre>
 *   root delay / 2 + root dispersion + round trip / 2 + {@link #SAFETY_MARGIN_NANOS}
 * </pre>
 *
 * <p>Root delay / 2 + root dispersion is chrony's own maximum error of its estimate (the dispersion
 * it reports has grown to the moment of the report, including {@code maxclockerror}). Half the
 * query's round trip covers when, within it, chronyd took its reading: the correction moves while
 * chronyd slews. The margin covers what neither states: the rounding of chrony's 25-bit floats and
 * the difference between chronyd's clock reading and ours (ClockBound adds its {@code
 * maxclockerror} to chrony's figures for the same reason).
 *
 * <p>A reply that is not usable (garbage, unauthorised, not synchronised, no reply) is a starved
 * round with a named, counted reason: the engine holds over on its last good state.
 */
public final class ChronySource implements RoundSource {
  /** Added to every bound: see the class comment. */
  public static final long SAFETY_MARGIN_NANOS = 50_000L;

  /** chronyd's command port. */
  public static final int DEFAULT_PORT = 323;

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChronySource.class);

  private final ChronyClient client;
  private int lastLeap = ChronyTracking.LEAP_NORMAL;
  private final AtomicLongArray refusals = new AtomicLongArray(ChronyRefusal.values().length);
  private volatile String lastReason = "not asked yet";
  private volatile ChronyTracking lastTracking;

  public ChronySource(ChronyClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Parses {@code host:port} ({@code [v6]:port}; a missing port is 323). Only literal addresses are
   * accepted: chronyd answers monitoring requests from the host itself.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static InetSocketAddress parseAddress(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty chronyd address");
    }
    String host = t;
    int port = DEFAULT_PORT;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in " + t);
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("expected ':port' after ']' in " + t);
        }
        port = parsePort(rest.substring(1), t);
      }
    } else {
      int colon = t.lastIndexOf(':');
      if (colon >= 0 && t.indexOf(':') == colon) {
        host = t.substring(0, colon);
        port = parsePort(t.substring(colon + 1), t);
      }
    }
    if (!host.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP address: " + host);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + host);
    }
  }

  private static int parsePort(String s, String whole) {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in " + whole);
    }
  }

  /** The bound around the corrected time for a tracking report got in {@code roundTripNanos}. */
  public static long boundNanos(ChronyTracking t, long roundTripNanos) {
    double chrony = t.rootDelaySeconds() / 2.0 + t.rootDispersionSeconds();
    return (long) Math.ceil(chrony * 1e9)
        + Math.max(0L, roundTripNanos) / 2
        + 1
        + SAFETY_MARGIN_NANOS;
  }

  /** Offset (server − local) for a tracking report, nanoseconds. */
  public static long offsetNanos(ChronyTracking t) {
    return Math.round(t.currentCorrectionSeconds() * 1e9);
  }

  @Override
  public RoundResult poll() {
    ChronyClient.Exchange x = client.query();
    ChronyWire.Reply reply = x.reply();
    long elapsed = x.roundTripNanos();
    if (reply.isOk() && !reply.tracking().synchronised()) {
      lastTracking = reply.tracking();
      return refuse(
          ChronyRefusal.NOT_SYNCHRONISED,
          "leap status " + lastTracking.leapStatus() + ", stratum " + lastTracking.stratum(),
          elapsed);
    }
    if (!reply.isOk()) {
      return refuse(reply.refusal(), reply.detail(), elapsed);
    }
    ChronyTracking t = reply.tracking();
    lastTracking = t;
    lastReason = "";
    announceLeap(t.leapStatus());
    long half = x.roundTripNanos() / 2;
    return RoundResult.selected(
        offsetNanos(t),
        boundNanos(t, x.roundTripNanos()),
        false,
        0,
        x.receivedEpochNanos() - half,
        x.receivedTicker() - half,
        elapsed,
        List.of());
  }

  /** Logs a leap second chronyd announces (or withdraws), once per change. */
  private void announceLeap(int leap) {
    if (leap == lastLeap) {
      return;
    }
    lastLeap = leap;
    if (leap == ChronyTracking.LEAP_INSERT || leap == ChronyTracking.LEAP_DELETE) {
      log.warn(
          "[LEAP] chronyd announces a leap second {} at the end of this UTC day",
          leap == ChronyTracking.LEAP_INSERT ? "inserted" : "deleted");
    } else {
      log.info("[LEAP] no leap second announced any more");
    }
  }

  /** The leap status of the last synchronised report (0 none, 1 insert, 2 delete). */
  public int leapStatus() {
    return lastLeap;
  }

  private RoundResult refuse(ChronyRefusal r, String detail, long elapsed) {
    refusals.incrementAndGet(r.ordinal());
    lastReason = detail == null || detail.isEmpty() ? r.text() : r.text() + ": " + detail;
    return RoundResult.starved(0, elapsed, List.of());
  }

  /** Refusals counted since start, by reason. */
  public Map<ChronyRefusal, Long> refusals() {
    Map<ChronyRefusal, Long> m = new EnumMap<>(ChronyRefusal.class);
    for (ChronyRefusal f : ChronyRefusal.values()) {
      m.put(f, refusals.get(f.ordinal()));
    }
    return m;
  }

  /** Why the last poll gave nothing (empty when it gave a time). */
  public String lastReason() {
    return lastReason;
  }

  /** The last tracking report received (synchronised or not), or null. */
  public ChronyTracking lastTracking() {
    return lastTracking;
  }

  public InetSocketAddress address() {
    return client.address();
  }
}
