package dev.chronotick.sync;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
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
 */
public final class Selection {
  private final QualityThresholds thresholds;
  private final List<ServerReport> reports;
  private final Combination combination;
  private final Intersection intersection;
  private final int candidates;
  private final int rejectedSamples;
  private final String failure;

  private Selection(
      QualityThresholds thresholds,
      List<ServerReport> reports,
      Combination combination,
      Intersection intersection,
      int candidates,
      int rejectedSamples,
      String failure) {
    this.thresholds = thresholds;
    this.reports = Collections.unmodifiableList(new ArrayList<>(reports));
    this.combination = combination;
    this.intersection = intersection;
    this.candidates = candidates;
    this.rejectedSamples = rejectedSamples;
    this.failure = failure;
  }

  /**
   * Chooses the time. {@code servers} fixes the order of the reports (one per server); exchanges of
   * servers not in the list are ignored. Never throws for bad exchanges.
   */
  public static Selection choose(
      List<ServerAddress> servers, List<ExchangeResult> exchanges, QualityThresholds thresholds) {
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
          "no server passed the "
              + (thresholds.isRelaxed() ? "relaxed" : "strict")
              + " thresholds");
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
          thresholds, reports, null, intersection, candidateSamples.size(), rejected, detail);
    }
    List<Sample> survivors = new ArrayList<>();
    for (int i = 0; i < candidateSamples.size(); i++) {
      if (intersection.isTruechimer(i)) {
        survivors.add(candidateSamples.get(i));
      }
    }
    Combination combination = Combination.of(survivors, intersection.low(), intersection.high());
    int candidateIndex = 0;
    for (ServerFilterResult f : filtered) {
      if (!f.isCandidate()) {
        reports.add(f.toReport());
        continue;
      }
      Sample s = f.best();
      if (!intersection.isTruechimer(candidateIndex++)) {
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
        thresholds, reports, combination, intersection, candidateSamples.size(), rejected, "");
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
