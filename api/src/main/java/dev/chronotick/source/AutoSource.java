package dev.chronotick.source;

import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Chooses among sources in a fixed order of preference and fails over: the first poll tries them in
 * order and keeps the first that gives a time (the last is kept anyway: it is the fallback of last
 * resort, NTP in the production order). A source that gives no time makes the engine hold over at
 * once (a starved round); after {@link #SWITCH_AFTER} without a time the next source in the order
 * is used. Every {@link #RETRY_PREFERRED_EVERY} a source earlier in the order is tried again and
 * taken back when it gives a time. {@link #describe()} says which source is in use and why, as
 * {@code <kind>: <why>} ({@code ntp: no host source found (clockbound: ...; chrony: ...)}).
 *
 * <p>Polls run on the collector's one thread; the description is read from any thread.
 */
public final class AutoSource implements RoundSource, PollIntervalPolicy {
  /** A source that gave no time for this long is left for the next one. */
  public static final Duration SWITCH_AFTER = Duration.ofSeconds(5);

  /** How often a preferred source is tried again while a later one is used. */
  public static final Duration RETRY_PREFERRED_EVERY = Duration.ofSeconds(60);

  /** The poll interval while the source in use gives no time (to notice and switch in seconds). */
  static final Duration FAILING_INTERVAL = Duration.ofSeconds(1);

  private final List<SourceCandidate> order;
  private final Ticker ticker;
  private final boolean forced;
  private final String startNote;

  private volatile int current = -1;

  /** Why the source in use was taken. */
  private volatile String cause = "not polled yet";

  /** Why its last poll gave no time (empty when it gave one). */
  private volatile String failure = "";

  private long lastTimeAt;
  private long lastPreferredTry;
  private volatile boolean currentGaveTime;

  /**
   * @param order the candidates, most preferred first
   * @param forced true when the user named one source: no failover, the reason says so
   */
  public AutoSource(List<SourceCandidate> order, Ticker ticker, boolean forced) {
    this(order, ticker, forced, "");
  }

  /**
   * @param startNote why the first candidate is used when it is taken at start without skipping any
   *     (e.g. {@code servers set: auto means ntp}); empty for nothing to say
   */
  public AutoSource(List<SourceCandidate> order, Ticker ticker, boolean forced, String startNote) {
    this.startNote = startNote == null ? "" : startNote;
    if (order.isEmpty()) {
      throw new IllegalArgumentException("no source candidate");
    }
    this.order = Collections.unmodifiableList(new ArrayList<>(order));
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.forced = forced;
  }

  @Override
  public RoundResult poll() {
    long now = ticker.nanos();
    if (current < 0) {
      return choose(0, now, "");
    }
    if (current > 0 && !forced && now - lastPreferredTry >= RETRY_PREFERRED_EVERY.toNanos()) {
      lastPreferredTry = now;
      for (int i = 0; i < current; i++) {
        RoundResult r = pollQuietly(order.get(i));
        if (r.hasTime()) {
          use(i, now, order.get(i).kind().optionName() + " gave time again");
          return r;
        }
      }
    }
    SourceCandidate c = order.get(current);
    RoundResult r = pollQuietly(c);
    if (r.hasTime()) {
      lastTimeAt = now;
      currentGaveTime = true;
      failure = "";
      return r;
    }
    currentGaveTime = false;
    String reason = c.lastReason();
    failure = reason;
    if (forced || current == order.size() - 1 || now - lastTimeAt < SWITCH_AFTER.toNanos()) {
      return r;
    }
    return choose(
        current + 1,
        now,
        c.kind().optionName()
            + " gave no time for "
            + SWITCH_AFTER.getSeconds()
            + " s ("
            + reason
            + ")");
  }

  /**
   * Tries the candidates from {@code from} on; keeps the first with a time, else the last.
   *
   * @param why why the choice is made; empty at start
   */
  private RoundResult choose(int from, long now, String why) {
    StringBuilder skipped = new StringBuilder();
    RoundResult r = null;
    int last = forced ? from : order.size() - 1;
    for (int i = from; i <= last; i++) {
      SourceCandidate c = order.get(i);
      r = pollQuietly(c);
      if (r.hasTime() || i == last) {
        use(i, now, cause(why, skipped.toString(), c.kind()));
        currentGaveTime = r.hasTime();
        failure = r.hasTime() ? "" : c.lastReason();
        return r;
      }
      skipped
          .append(skipped.length() == 0 ? "" : "; ")
          .append(c.kind().optionName())
          .append(": ")
          .append(c.lastReason());
    }
    return r;
  }

  /** Why {@code chosen} is used: the event, else the start note, and the sources skipped. */
  private String cause(String why, String skipped, SourceKind chosen) {
    if (!why.isEmpty()) {
      return skipped.isEmpty() ? why : why + "; " + skipped;
    }
    if (skipped.isEmpty()) {
      return startNote;
    }
    // NTP is the last resort: reaching it means the host offered none of its own sources
    return chosen == SourceKind.NTP
        ? "no host source found (" + skipped + ")"
        : "skipped " + skipped;
  }

  private void use(int i, long now, String why) {
    current = i;
    lastTimeAt = now;
    lastPreferredTry = now;
    currentGaveTime = true;
    failure = "";
    cause = why;
  }

  private static RoundResult pollQuietly(SourceCandidate c) {
    try {
      RoundResult r = c.source().poll();
      return r != null ? r : RoundResult.starved(0, 0, List.of());
    } catch (RuntimeException e) {
      return RoundResult.starved(0, 0, List.of());
    }
  }

  @Override
  public Duration nextInterval(RoundResult last, SyncStatus status) {
    int i = current;
    if (i < 0) {
      return FAILING_INTERVAL;
    }
    Duration d = order.get(i).policy().nextInterval(last, status);
    if (!currentGaveTime
        && i < order.size() - 1
        && !forced
        && (d == null || d.compareTo(FAILING_INTERVAL) > 0)) {
      return FAILING_INTERVAL; // notice within seconds and switch
    }
    return d;
  }

  /** The source in use, or null before the first poll. */
  public SourceKind current() {
    int i = current;
    return i < 0 ? null : order.get(i).kind();
  }

  /** The candidate in use, or null before the first poll. */
  public SourceCandidate currentCandidate() {
    int i = current;
    return i < 0 ? null : order.get(i);
  }

  /**
   * Which source is in use and why, one line {@code <kind>: <why>}: {@code chrony: chronyd at
   * 127.0.0.1:323 tracking; skipped clockbound: no segment file}, {@code ntp: no host source found
   * (...)}, with {@code — no time: <reason>} while it gives none.
   */
  public String describe() {
    SourceKind k = current();
    return (k == null ? "none" : k.optionName()) + ": " + reason();
  }

  /**
   * Why the source in use is used, and while it gives no time why not: {@link #describe()} without
   * the kind.
   */
  public String reason() {
    int i = current;
    if (i < 0) {
      return cause;
    }
    StringBuilder b = new StringBuilder();
    if (forced) {
      b.append("set by the source option");
    }
    String detail = currentGaveTime ? order.get(i).detail() : "";
    for (String part : new String[] {detail, cause}) {
      if (!part.isEmpty()) {
        b.append(b.length() == 0 ? "" : "; ").append(part);
      }
    }
    if (b.length() == 0) {
      b.append("first in the order");
    }
    String f = failure;
    return f.isEmpty() ? b.toString() : b.append(" — no time: ").append(f).toString();
  }

  /** The candidates, most preferred first. */
  public List<SourceCandidate> order() {
    return order;
  }
}
