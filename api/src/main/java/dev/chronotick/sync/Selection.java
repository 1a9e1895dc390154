package dev.chronotick.sync;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.time.LeapSecond;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass of choosing the time from one set of exchanges under one set of thresholds: clock filter
 * per server → quality thresholds → falseticker rejection by intersection → combination. The
 * fallback runs it again on the same exchanges with {@link QualityThresholds#relaxed()}.
 *
 * <p>The majority of the intersection is judged among the <i>candidates</i> (servers with a sample
 * that met the thresholds), as chrony judges it among its selectable sources: a silent or rejected
 * server neither votes for nor against the time.
 *
 * <p><b>Leap seconds.</b> The survivors vote on the leap indicator as chrony's sources do: a leap
 * is announced when more than half of them announce it ({@link LeapSecond#announced}). Around a
 * leap (one any candidate announces, or one the caller already knows) servers that smear it and
 * servers that step it disagree by up to 0.5 s, which no root distance covers; a server whose
 * interval misses the majority's by what the 24-hour smear accounts for at that moment — its offset
 * minus the combined one is the smear, or minus the smear, within the two uncertainties — is
 * reported {@code rejected} with {@link RejectReason#LEAP_SMEAR}: not combined (the two families
 * are not mixed), not a falseticker. The majority's family wins; with no majority there is no time,
 * as for any other split.
 */
public final class Selection {
  private final QualityThresholds thresholds;
  private final List<ServerReport> reports;
  private final Combination combination;
  private final Intersection intersection;
  private final int candidates;
  private final int rejectedSamples;
  private final String failure;
  private final LeapSecond leap;
  private final LeapSecond leapContext;

  private Selection(
      QualityThresholds thresholds,
      List<ServerReport> reports,
      Combination combination,
      Intersection intersection,
      int candidates,
      int rejectedSamples,
      String failure,
      LeapSecond leap,
      LeapSecond leapContext) {
    this.thresholds = thresholds;
    this.reports = Collections.unmodifiableList(new ArrayList<>(reports));
    this.combination = combination;
    this.intersection = intersection;
    this.candidates = candidates;
    this.rejectedSamples = rejectedSamples;
    this.failure = failure;
    this.leap = leap;
    this.leapContext = leapContext;
  }

  /**
   * Chooses the time. {@code servers} fixes the order of the reports (one per server); exchanges of
   * servers not in the list are ignored. Never throws for bad exchanges.
   */
  public static Selection choose(
      List<ServerAddress> servers, List<ExchangeResult> exchanges, QualityThresholds thresholds) {
    return choose(servers, exchanges, thresholds, null);
  }

  /**
   * Chooses the time, with {@code knownLeap} (null: none) the leap second earlier rounds announced,
   * used when this round's survivors no longer announce it (after the leap they do not).
   */
  public static Selection choose(
      List<ServerAddress> servers,
      List<ExchangeResult> exchanges,
      QualityThresholds thresholds,
      LeapSecond knownLeap) {
    Map<ServerAddress, List<ExchangeResult>> byServer = new LinkedHashMap<>();
    for (ServerAddress s : servers) {
      byServer.put(s, new ArrayList<>());
    }
    for (ExchangeResult e : exchanges) {
      if (e == null) {
        continue;
      }
      List<ExchangeResult> list = byServer.get(e.server());
      if (list != null) {
        list.add(e);
      }
    }
    List<ServerFilterResult> filtered = new ArrayList<>();
    List<Sample> candidateSamples = new ArrayList<>();
    int rejected = 0;
    for (Map.Entry<ServerAddress, List<ExchangeResult>> entry : byServer.entrySet()) {
      ServerFilterResult f = ClockFilter.filter(entry.getKey(), entry.getValue(), thresholds);
      filtered.add(f);
      rejected += f.rejectedSamples();
      if (f.isCandidate()) {
        candidateSamples.add(f.best());
      }
    }
    Intersection intersection = Intersection.of(candidateSamples);
    List<ServerReport> reports = new ArrayList<>();
    if (candidateSamples.isEmpty()) {
      for (ServerFilterResult f : filtered) {
        reports.add(f.toReport());
      }
      return new Selection(
          thresholds,
          reports,
          null,
          intersection,
          0,
          rejected,
          "no server passed the " + (thresholds.isRelaxed() ? "relaxed" : "strict") + " thresholds",
          null,
          knownLeap);
    }
    if (!intersection.hasMajority()) {
      String detail =
          "no majority: at most "
              + intersection.depth()
              + " of "
              + candidateSamples.size()
              + " intervals agree";
      for (ServerFilterResult f : filtered) {
        reports.add(
            f.isCandidate()
                ? f.toReport(ServerStatus.FALSETICKER, RejectReason.FALSETICKER, detail)
                : f.toReport());
      }
      return new Selection(
          thresholds,
          reports,
          null,
          intersection,
          candidateSamples.size(),
          rejected,
          detail,
          null,
          knownLeap);
    }
    List<Sample> survivors = new ArrayList<>();
    for (int i = 0; i < candidateSamples.size(); i++) {
      if (intersection.isTruechimer(i)) {
        survivors.add(candidateSamples.get(i));
      }
    }
    Combination combination = Combination.of(survivors, intersection.low(), intersection.high());
    LeapSecond vote = vote(survivors, combination);
    LeapSecond leap = anyAnnounced(candidateSamples);
    leap = leap != null ? leap : knownLeap;
    int candidateIndex = 0;
    for (ServerFilterResult f : filtered) {
      if (!f.isCandidate()) {
        reports.add(f.toReport());
        continue;
      }
      Sample s = f.best();
      if (!intersection.isTruechimer(candidateIndex++)) {
        String smear = leap == null ? null : smearDisagreement(s, combination, leap);
        if (smear != null) {
          reports.add(f.toReport(ServerStatus.REJECTED, RejectReason.LEAP_SMEAR, smear));
          continue;
        }
        long d = s.distanceNanos();
        String detail =
            "interval ["
                + Millis.signed(Intersection.saturatedAdd(s.offsetNanos(), -d))
                + ", "
                + Millis.signed(Intersection.saturatedAdd(s.offsetNanos(), d))
                + "] outside the majority's ["
                + Millis.signed(intersection.low())
                + ", "
                + Millis.signed(intersection.high())
                + "] ("
                + intersection.depth()
                + " of "
                + intersection.candidates()
                + " agree)";
        reports.add(f.toReport(ServerStatus.FALSETICKER, RejectReason.FALSETICKER, detail));
      } else if (s == combination.selected()) {
        reports.add(f.toReport(ServerStatus.SELECTED, null, ""));
      } else {
        reports.add(f.toReport(ServerStatus.COMBINED, null, ""));
      }
    }
    return new Selection(
        thresholds,
        reports,
        combination,
        intersection,
        candidateSamples.size(),
        rejected,
        "",
        vote,
        leap);
  }

  /**
   * The leap any candidate announces (enough to recognise a smear, not to act on), or null. A
   * smearing majority does not announce the leap it smears; the stepping minority does.
   */
  private static LeapSecond anyAnnounced(List<Sample> candidates) {
    for (Sample s : candidates) {
      LeapSecond l = LeapSecond.announced(s.leap(), s.t3());
      if (l != null) {
        return l;
      }
    }
    return null;
  }

  /** The leap more than half of the survivors announce, or null. */
  private static LeapSecond vote(List<Sample> survivors, Combination combination) {
    int insert = 0;
    int delete = 0;
    for (Sample s : survivors) {
      insert += s.leap() == 1 ? 1 : 0;
      delete += s.leap() == 2 ? 1 : 0;
    }
    int indicator = 2 * insert > survivors.size() ? 1 : 2 * delete > survivors.size() ? 2 : 0;
    return LeapSecond.announced(indicator, serverTime(combination));
  }

  /** The servers' time at the round's measurement (stepping or smeared). */
  private static long serverTime(Combination c) {
    return c.measuredAtEpochNanos() + c.offsetNanos();
  }

  /**
   * Why the falseticker {@code s} disagrees with the majority only by {@code leap}'s smear (one
   * line), or null when the smear does not explain it.
   */
  private static String smearDisagreement(Sample s, Combination c, LeapSecond leap) {
    long now = serverTime(c);
    if (now < leap.windowStartNanos() || now >= leap.windowEndNanos()) {
      return null;
    }
    // smeared minus stepping time now; the stepping clock has stepped once past the leap
    long smear = leap.smear().offsetNanos(now, now >= leap.epochSecond() * 1_000_000_000L);
    long diff = s.offsetNanos() - c.offsetNanos();
    long slack = Intersection.saturatedAdd(s.distanceNanos(), c.uncertaintyNanos());
    if (smear == 0 || Math.abs(diff) <= slack) {
      return null;
    }
    String family;
    if (Math.abs(diff - smear) <= slack) {
      family = "smears the leap second while the majority steps it";
    } else if (Math.abs(diff + smear) <= slack) {
      family = "steps the leap second while the majority smears it";
    } else {
      return null;
    }
    return family
        + " ("
        + leap.label()
        + "): "
        + Millis.signed(diff)
        + " from the majority, the smear is "
        + Millis.signed(Math.abs(smear))
        + " now; not mixed";
  }

  /** True when a time was chosen. */
  public boolean hasTime() {
    return combination != null;
  }

  /** The chosen offset, or null when {@link #hasTime()} is false. */
  public Combination combination() {
    return combination;
  }

  public Intersection intersection() {
    return intersection;
  }

  public QualityThresholds thresholds() {
    return thresholds;
  }

  /** One report per server, in the order of the server list. */
  public List<ServerReport> reports() {
    return reports;
  }

  /** Servers whose sample met the thresholds. */
  public int candidates() {
    return candidates;
  }

  /** Servers flagged as falsetickers. */
  public int falsetickers() {
    int n = 0;
    for (ServerReport r : reports) {
      if (r.status() == ServerStatus.FALSETICKER) {
        n++;
      }
    }
    return n;
  }

  /** Samples that replied but were unusable (see {@link ServerFilterResult#rejectedSamples()}). */
  public int rejectedSamples() {
    return rejectedSamples;
  }

  /**
   * The leap second more than half of the survivors announce (a leap indicator on the last day of
   * June or December), or null.
   */
  public LeapSecond leapVote() {
    return leap;
  }

  /**
   * The leap around which a smear explains a disagreement: one any candidate announces, else the
   * one the caller knew; null for none.
   */
  public LeapSecond leapContext() {
    return leapContext;
  }

  /** Servers reported as {@link RejectReason#LEAP_SMEAR}. */
  public int leapSmearDisagreements() {
    int n = 0;
    for (ServerReport r : reports) {
      if (r.reason() == RejectReason.LEAP_SMEAR) {
        n++;
      }
    }
    return n;
  }

  /** Why there is no time (one line), empty when there is. */
  public String failure() {
    return failure;
  }

  @Override
  public String toString() {
    return hasTime()
        ? "Selection{" + combination + " " + thresholds + "}"
        : "Selection{no time: " + failure + "}";
  }
}
