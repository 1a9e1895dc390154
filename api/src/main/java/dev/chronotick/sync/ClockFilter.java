package dev.chronotick.sync;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The per-server clock filter of one round: applies the quality thresholds to each valid sample and
 * keeps the one with the smallest round-trip delay, the sample least disturbed by queueing (ntpd's
 * clock filter and chrony's {@code sourcestats.c} both prefer the minimum-delay sample for the same
 * reason: its offset error, at most half the delay, is the smallest).
 */
public final class ClockFilter {
  /**
   * How informative each rejection reason is, most informative first. A reply that says something
   * about the server (Kiss-o'-Death, unsynchronised, over a threshold) outranks a protocol fault,
   * which outranks a local failure, which outranks silence.
   */
  private static final RejectReason[] INFORMATIVENESS = {
    RejectReason.KOD_DENY,
    RejectReason.KOD_RSTR,
    RejectReason.KOD_RATE,
    RejectReason.KOD_OTHER,
    RejectReason.UNSYNCHRONIZED,
    RejectReason.BAD_STRATUM,
    RejectReason.ROOT_DISTANCE,
    RejectReason.UNCERTAINTY_TOO_HIGH,
    RejectReason.DELAY_TOO_HIGH,
    RejectReason.NEGATIVE_DELAY,
    RejectReason.BOGUS_ORIGIN,
    RejectReason.WRONG_SOURCE,
    RejectReason.BAD_MODE_OR_VERSION,
    RejectReason.ZERO_TIMESTAMP,
    RejectReason.MALFORMED,
    RejectReason.UNRESOLVABLE,
    RejectReason.NETWORK_ERROR,
    RejectReason.OUTLIER,
    RejectReason.FALSETICKER,
    RejectReason.TIMEOUT,
  };

  private static final Map<RejectReason, Integer> RANK = new EnumMap<>(RejectReason.class);

  static {
    for (int i = 0; i < INFORMATIVENESS.length; i++) {
      RANK.put(INFORMATIVENESS[i], i);
    }
  }

  private ClockFilter() {}

  /**
   * Filters one server's exchanges of a round. Never throws for bad input: null entries and
   * exchanges of other servers are ignored; no exchanges at all is a timeout.
   */
  public static ServerFilterResult filter(
      ServerAddress server, List<ExchangeResult> exchanges, QualityThresholds thresholds) {
    Sample best = null;
    RejectReason worstReason = null;
    String worstDetail = "";
    int rejected = 0;
    List<ExchangeResult> own = new ArrayList<>(exchanges.size());
    for (ExchangeResult e : exchanges) {
      if (e == null || !server.equals(e.server())) {
        continue;
      }
      own.add(e);
      RejectReason reason;
      String detail;
      if (e.isAccepted()) {
        Sample s = e.sample();
        String violation = violation(s, thresholds);
        if (violation == null) {
          if (best == null || s.delayNanos() < best.delayNanos()) {
            best = s;
          }
          continue;
        }
        reason = thresholdReason(s, thresholds);
        detail = violation;
      } else {
        reason = e.reason();
        detail = e.detail();
      }
      if (reason != RejectReason.TIMEOUT) {
        rejected++;
      }
      if (worstReason == null || rank(reason) < rank(worstReason)) {
        worstReason = reason;
        worstDetail = detail;
      }
    }
    if (best != null) {
      return ServerFilterResult.candidate(server, best, own, rejected);
    }
    if (worstReason == null) {
      return ServerFilterResult.failed(
          server, ServerStatus.TIMEOUT, RejectReason.TIMEOUT, "no exchange reported", own, 0);
    }
    ServerStatus verdict =
        worstReason == RejectReason.TIMEOUT ? ServerStatus.TIMEOUT : ServerStatus.REJECTED;
    return ServerFilterResult.failed(server, verdict, worstReason, worstDetail, own, rejected);
  }

  /** The threshold a valid sample violates, as a one-line detail, or null if it meets them all. */
  static String violation(Sample s, QualityThresholds t) {
    RejectReason r = thresholdReason(s, t);
    if (r == null) {
      return null;
    }
    switch (r) {
      case ROOT_DISTANCE:
        return "root distance "
            + Millis.format(s.serverRootDistanceNanos())
            + " > "
            + Millis.format(t.maxRootDistance().toNanos());
      case DELAY_TOO_HIGH:
        return "delay "
            + Millis.format(s.delayNanos())
            + " > maxDelay "
            + Millis.format(t.maxDelay().toNanos());
      case NEGATIVE_DELAY:
        return "negative delay " + Millis.format(s.delayNanos());
      default:
        return "uncertainty "
            + Millis.format(s.distanceNanos())
            + " > maxUncertainty "
            + Millis.format(t.maxUncertainty().toNanos());
    }
  }

  /** The first threshold a sample violates (root distance, delay, uncertainty), or null. */
  static RejectReason thresholdReason(Sample s, QualityThresholds t) {
    if (s.serverRootDistanceNanos() > t.maxRootDistance().toNanos()
        || s.serverRootDistanceNanos() < 0) {
      return RejectReason.ROOT_DISTANCE;
    }
    if (s.delayNanos() > t.maxDelay().toNanos()) {
      return RejectReason.DELAY_TOO_HIGH;
    }
    if (s.delayNanos() < 0) {
      return RejectReason.NEGATIVE_DELAY;
    }
    if (s.distanceNanos() > t.maxUncertainty().toNanos()) {
      return RejectReason.UNCERTAINTY_TOO_HIGH;
    }
    return null;
  }

  private static int rank(RejectReason r) {
    Integer i = RANK.get(r);
    return i == null ? INFORMATIVENESS.length : i;
  }
}
