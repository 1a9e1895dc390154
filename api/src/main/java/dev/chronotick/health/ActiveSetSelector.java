package dev.chronotick.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses which servers are active, after the NTP Pool monitor selector ({@code
 * scorer/cmd/selector*.go}): rank by health then priority, change slowly.
 *
 * <p>One evaluation, in order:
 *
 * <ol>
 *   <li><b>fill</b>: while fewer than {@code activeServers} usable servers are active, promote the
 *       best-ranked testing server (preferring a diversity group not yet active);
 *   <li><b>unreachable</b>: every active server whose last {@link ServerHealth#UNREACHABLE_POLLS}
 *       polls all failed is swapped for the best reachable challenger — any number of them;
 *   <li><b>one replacement</b> (full evaluations only): the worst-ranked active server is swapped
 *       for the best challenger that is clearly better (see {@link #clearlyBetter}).
 * </ol>
 *
 * Rank: healthy (median ≥ 10) before unhealthy, then lower priority = RTT × (1 + 2 × (1 − average
 * step)), then higher median score, then configuration order. Not thread-safe; owned by the
 * tracker.
 */
final class ActiveSetSelector {
  /**
   * A challenger must be better by at least this many points (score, or priority milliseconds) ...
   */
  static final double MIN_BETTER_POINTS = 5.0;

  /** ... and by at least this fraction. */
  static final double MIN_BETTER_FRACTION = 0.05;

  /**
   * Healthy before unhealthy, then lower priority value (better), then higher median score, then
   * configuration order. A plain class rather than a {@code Comparator.comparing} chain: the
   * chain's nine lambdas are spun on the first round, which premain waits for.
   */
  static final Comparator<ServerHealth> BEST_FIRST = new BestFirst();

  private static final class BestFirst implements Comparator<ServerHealth> {
    @Override
    public int compare(ServerHealth a, ServerHealth b) {
      int c = Boolean.compare(!a.healthy(), !b.healthy());
      if (c != 0) {
        return c;
      }
      c = Double.compare(a.priority(), b.priority());
      if (c != 0) {
        return c;
      }
      c = Double.compare(b.medianScore(), a.medianScore());
      if (c != 0) {
        return c;
      }
      return Integer.compare(a.index, b.index);
    }
  }

  /** One change made by an evaluation. */
  static final class Change {
    final ServerHealth promoted;
    final ServerHealth demoted; // null when filling an empty slot
    final String reason;

    Change(ServerHealth promoted, ServerHealth demoted, String reason) {
      this.promoted = promoted;
      this.demoted = demoted;
      this.reason = reason;
    }
  }

  private ActiveSetSelector() {}

  /**
   * Evaluates and applies changes to the servers' states.
   *
   * @param withReplacement whether the one regular replacement may happen (full evaluation)
   * @return the changes applied, possibly none
   */
  static List<Change> evaluate(
      List<ServerHealth> servers, int activeServers, boolean withReplacement) {
    List<Change> changes = new ArrayList<>();
    List<ServerHealth> usable = new ArrayList<>();
    for (ServerHealth s : servers) {
      if (s.usable()) {
        usable.add(s);
      }
    }
    int target = Math.min(activeServers, usable.size());

    while (count(usable, ServerState.ACTIVE) < target) {
      ServerHealth pick = bestChallenger(usable, null, ANY, null);
      if (pick == null) {
        break;
      }
      pick.state = ServerState.ACTIVE;
      changes.add(new Change(pick, null, "fills an empty active slot"));
    }

    List<ServerHealth> active = sorted(usable, ServerState.ACTIVE);
    for (int i = active.size() - 1; i >= 0; i--) {
      ServerHealth inc = active.get(i);
      if (!inc.unreachable()) {
        continue;
      }
      ServerHealth ch = bestChallenger(usable, inc, REACHED, null);
      if (ch != null) {
        swap(
            inc,
            ch,
            changes,
            "replaces unreachable "
                + inc.address
                + " (reach "
                + Integer.toOctalString(inc.reach)
                + ")");
      }
    }

    if (withReplacement) {
      active = sorted(usable, ServerState.ACTIVE);
      if (!active.isEmpty()) {
        ServerHealth inc = active.get(active.size() - 1);
        ServerHealth ch = bestChallenger(usable, inc, CLEARLY_BETTER, inc);
        if (ch != null) {
          swap(
              inc,
              ch,
              changes,
              "better than " + inc.address + ": " + describe(ch) + " vs " + describe(inc));
        }
      }
    }
    return changes;
  }

  /**
   * True when {@code ch} is clearly better than {@code inc}: never when {@code ch} is unhealthy and
   * {@code inc} healthy; between two healthy servers by priority (lower by ≥ 5 % and ≥ 5 points);
   * otherwise by median score (higher by ≥ 5 % and ≥ 5 points).
   */
  static boolean clearlyBetter(ServerHealth ch, ServerHealth inc) {
    boolean chHealthy = ch.healthy();
    boolean incHealthy = inc.healthy();
    if (!chHealthy && incHealthy) {
      return false;
    }
    if (chHealthy && incHealthy) {
      double pc = ch.priority();
      double pi = inc.priority();
      if (Double.isInfinite(pc)) {
        return false;
      }
      if (Double.isInfinite(pi)) {
        return true;
      }
      double gain = pi - pc;
      return gain >= MIN_BETTER_POINTS && gain >= MIN_BETTER_FRACTION * pi;
    }
    double mc = ch.medianScore();
    double mi = inc.medianScore();
    double gain = mc - mi;
    return gain >= MIN_BETTER_POINTS && gain >= MIN_BETTER_FRACTION * Math.abs(mi);
  }

  /** {@link #bestChallenger}'s test: any testing server. */
  private static final int ANY = 0;

  /** {@link #bestChallenger}'s test: a testing server that is reachable and has answered. */
  private static final int REACHED = 1;

  /** {@link #bestChallenger}'s test: a testing server {@link #clearlyBetter} than the incumbent. */
  private static final int CLEARLY_BETTER = 2;

  /**
   * Whether {@code s} passes {@code test} ({@link #ANY}, {@link #REACHED}, {@link
   * #CLEARLY_BETTER}).
   */
  private static boolean passes(ServerHealth s, int test, ServerHealth incumbent) {
    switch (test) {
      case REACHED:
        return !s.unreachable() && s.reach != 0;
      case CLEARLY_BETTER:
        return clearlyBetter(s, incumbent);
      default:
        return true;
    }
  }

  /**
   * The best-ranked testing server passing {@code test}, preferring one that adds a diversity
   * group. The test is a constant rather than a predicate: no lambda is linked in the first round.
   */
  private static ServerHealth bestChallenger(
      List<ServerHealth> usable, ServerHealth leaving, int test, ServerHealth incumbent) {
    Set<String> groupsInUse = new HashSet<>();
    for (ServerHealth s : usable) {
      if (s.state == ServerState.ACTIVE && s != leaving) {
        groupsInUse.add(s.group);
      }
    }
    ServerHealth first = null;
    for (ServerHealth s : sorted(usable, ServerState.TESTING)) {
      if (!passes(s, test, incumbent)) {
        continue;
      }
      if (!groupsInUse.contains(s.group)) {
        if (first == null || first.healthy() == s.healthy()) {
          return s;
        }
        return first; // a healthy same-group server beats an unhealthy new-group one
      }
      if (first == null) {
        first = s;
      }
    }
    return first;
  }

  private static void swap(ServerHealth inc, ServerHealth ch, List<Change> changes, String reason) {
    inc.state = ServerState.TESTING;
    ch.state = ServerState.ACTIVE;
    changes.add(new Change(ch, inc, reason));
  }

  private static int count(List<ServerHealth> servers, ServerState state) {
    int n = 0;
    for (ServerHealth s : servers) {
      if (s.state == state) {
        n++;
      }
    }
    return n;
  }

  private static List<ServerHealth> sorted(List<ServerHealth> servers, ServerState state) {
    List<ServerHealth> out = new ArrayList<>();
    for (ServerHealth s : servers) {
      if (s.state == state) {
        out.add(s);
      }
    }
    out.sort(BEST_FIRST);
    return out;
  }

  static String describe(ServerHealth s) {
    return String.format(Locale.ROOT, "median %.1f priority %.1f", s.medianScore(), s.priority());
  }
}
