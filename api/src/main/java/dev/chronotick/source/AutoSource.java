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
 * taken back when it gives a time. {@link #describe()} says which source is in use and why.
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

  private volatile int current = -1;

  /** Why the source in use was taken. */
  private volatile String cause = "not polled yet";

  /** Why its last poll gave no time (empty when it gave one). */
  private volatile String failure = "";

  private long lastTimeAt;
  private long lastPreferredTry;
  private boolean currentGaveTime;

  /**
   * @param order the candidates, most preferred first
   * @param forced true when the user named one source: no failover, the reason says so
   */
  public AutoSource(List<SourceCandidate> order, Ticker ticker, boolean forced) {
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
      return choose(0, now, "start");
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

  /** Tries the candidates from {@code from} on; keeps the first with a time, else the last. */
  private RoundResult choose(int from, long now, String why) {
    StringBuilder skipped = new StringBuilder();
    RoundResult r = null;
    int last = forced ? from : order.size() - 1;
    for (int i = from; i <= last; i++) {
      SourceCandidate c = order.get(i);
      r = pollQuietly(c);
      if (r.hasTime() || i == last) {
        use(i, now, why + skipped);
        currentGaveTime = r.hasTime();
        failure = r.hasTime() ? "" : c.lastReason();
        return r;
      }
      skipped.append("; ").append(c.kind().optionName()).append(": ").append(c.lastReason());
    }
    return r;
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
   * Which source is in use and why, one line: {@code chrony since start; clockbound: no segment
   * file}, with {@code — no time: <reason>} while it gives none.
   */
  public String describe() {
    int i = current;
    if (i < 0) {
      return cause;
    }
    String f = failure;
    return order.get(i).kind().optionName()
        + (forced ? " (set by the source option)" : "")
        + " since "
        + cause
        + (f.isEmpty() ? "" : " — no time: " + f);
  }

  /** The candidates, most preferred first. */
  public List<SourceCandidate> order() {
    return order;
  }
}
