package dev.chronotick.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a demo run showed, computed from its timeline; plain values, so it is tested without
 * processes.
 */
public final class Summary {
  /** What happened to the falseticker. */
  public enum FalsetickerVerdict {
    /** Marked falseticker (or rejected) and never used. */
    REJECTED,
    /** Its time went into the clock at least once. */
    USED,
    /** Never reported in a round's sources (or there was none: real servers). */
    NOT_SEEN
  }

  private final boolean truthKnown;
  private final int readings;
  private final int readingsAfterSync;
  private final int heldUpReadings;
  private final OptionalLong timeToFirstSyncNanos;
  private final OptionalLong appStartNanos;
  private final boolean firstReadingCorrected;
  private final long maxAbsErrorAfterSyncNanos;
  private final long medianAbsErrorAfterSyncNanos;
  private final long maxSpreadNanos;
  private final long rawErrorNanos;
  private final long medianCorrectionNanos;
  private final int boundedProbes;
  private final int boundsContainingTruth;
  private final long medianUncertaintyNanos;
  private final String finalStatus;
  private final int roundsSeen;
  private final FalsetickerVerdict falseticker;
  private final Set<String> falsetickerStatuses;
  private final boolean silentTimedOut;
  private final Map<String, Integer> logTags;
  private final int childExitCode;
  private final boolean sharedMonotonic;

  private Summary(Builder b) {
    this.truthKnown = b.truthKnown;
    this.readings = b.readings;
    this.readingsAfterSync = b.readingsAfterSync;
    this.heldUpReadings = b.heldUpReadings;
    this.timeToFirstSyncNanos = b.timeToFirstSyncNanos;
    this.appStartNanos = b.appStartNanos;
    this.firstReadingCorrected = b.firstReadingCorrected;
    this.maxAbsErrorAfterSyncNanos = b.maxAbsErrorAfterSyncNanos;
    this.medianAbsErrorAfterSyncNanos = b.medianAbsErrorAfterSyncNanos;
    this.maxSpreadNanos = b.maxSpreadNanos;
    this.rawErrorNanos = b.rawErrorNanos;
    this.medianCorrectionNanos = b.medianCorrectionNanos;
    this.boundedProbes = b.boundedProbes;
    this.boundsContainingTruth = b.boundsContainingTruth;
    this.medianUncertaintyNanos = b.medianUncertaintyNanos;
    this.finalStatus = b.finalStatus;
    this.roundsSeen = b.roundsSeen;
    this.falseticker = b.falseticker;
    this.falsetickerStatuses = Collections.unmodifiableSet(b.falsetickerStatuses);
    this.silentTimedOut = b.silentTimedOut;
    this.logTags = Collections.unmodifiableMap(new LinkedHashMap<>(b.logTags));
    this.childExitCode = b.childExitCode;
    this.sharedMonotonic = b.sharedMonotonic;
  }

  private static final class Builder {
    boolean truthKnown;
    int readings;
    int readingsAfterSync;
    int heldUpReadings;
    OptionalLong timeToFirstSyncNanos = OptionalLong.empty();
    OptionalLong appStartNanos = OptionalLong.empty();
    boolean firstReadingCorrected;
    long maxAbsErrorAfterSyncNanos;
    long medianAbsErrorAfterSyncNanos;
    long maxSpreadNanos;
    long rawErrorNanos;
    long medianCorrectionNanos;
    int boundedProbes;
    int boundsContainingTruth;
    long medianUncertaintyNanos;
    String finalStatus = "none";
    int roundsSeen;
    FalsetickerVerdict falseticker = FalsetickerVerdict.NOT_SEEN;
    Set<String> falsetickerStatuses = new LinkedHashSet<>();
    boolean silentTimedOut;
    Map<String, Integer> logTags = new LinkedHashMap<>();
    int childExitCode;
    boolean sharedMonotonic;
  }

  /**
   * @param falsetickerAddress the local falseticker's {@code host:port}, or null with real servers
   * @param silentAddress the local silent server's {@code host:port}, or null
   * @param logTags how often each log tag appeared on the child's stderr
   */
  static Summary of(
      Timeline timeline,
      String falsetickerAddress,
      String silentAddress,
      Map<String, Integer> logTags,
      int childExitCode) {
    Builder b = new Builder();
    b.truthKnown = timeline.truthKnown();
    b.sharedMonotonic = timeline.sharedMonotonic();
    b.logTags.putAll(logTags);
    b.childExitCode = childExitCode;
    List<Row> rows = timeline.rows();
    b.readings = rows.size();
    b.firstReadingCorrected = !rows.isEmpty() && rows.get(0).synchronised();
    List<Long> absErrors = new ArrayList<>();
    List<Long> corrections = new ArrayList<>();
    for (Row row : rows) {
      b.maxSpreadNanos = Math.max(b.maxSpreadNanos, row.tick().spreadNanos());
      if (row.synchronised()) {
        b.readingsAfterSync++;
        if (!row.measurable()) {
          b.heldUpReadings++;
          continue;
        }
        absErrors.add(Math.abs(row.worstErrorNanos()));
        corrections.add(row.correctionNanos());
      }
    }
    if (!rows.isEmpty()) {
      b.rawErrorNanos = -timeline.trueOffsetNanos();
    }
    b.maxAbsErrorAfterSyncNanos = absErrors.isEmpty() ? 0 : Collections.max(absErrors);
    b.medianAbsErrorAfterSyncNanos = median(absErrors);
    b.medianCorrectionNanos = median(corrections);

    List<Long> uncertainties = new ArrayList<>();
    boolean sawFalsetickerUsed = false;
    boolean sawFalsetickerRejected = false;
    String lastSources = "";
    for (Timeline.ProbePoint point : timeline.probes()) {
      Probe probe = point.probe();
      if (!probe.sources().isEmpty() && !probe.sourcesSignature().equals(lastSources)) {
        b.roundsSeen++;
        lastSources = probe.sourcesSignature();
      }
      b.finalStatus = probe.status();
      if (!b.appStartNanos.isPresent()) {
        b.appStartNanos = OptionalLong.of(Math.max(0, point.elapsedNanos()));
      }
      if (probe.synchronised() && !b.timeToFirstSyncNanos.isPresent()) {
        // the probe first saw SYNCHRONIZED; the agent's log line, when there is one, is earlier
        OptionalLong logged = timeline.firstAcceptedElapsedNanos();
        b.timeToFirstSyncNanos =
            OptionalLong.of(
                Math.max(
                    0,
                    logged.isPresent()
                        ? Math.min(logged.getAsLong(), point.elapsedNanos())
                        : point.elapsedNanos()));
      }
      if (probe.synchronised() && probe.bounded()) {
        b.boundedProbes++;
        uncertainties.add((probe.latestNanos() - probe.earliestNanos()) / 2);
        long truth = point.rawNanos() + timeline.trueOffsetNanos();
        if (probe.earliestNanos() <= truth && truth <= probe.latestNanos()) {
          b.boundsContainingTruth++;
        }
      }
      for (SourceState source : probe.sources()) {
        if (source.address().equals(falsetickerAddress)) {
          b.falsetickerStatuses.add(source.status());
          sawFalsetickerUsed |= source.used();
          sawFalsetickerRejected |= !source.used();
        }
        if (source.address().equals(silentAddress) && source.status().equals("timeout")) {
          b.silentTimedOut = true;
        }
      }
    }
    b.medianUncertaintyNanos = median(uncertainties);
    b.falseticker =
        sawFalsetickerUsed
            ? FalsetickerVerdict.USED
            : sawFalsetickerRejected ? FalsetickerVerdict.REJECTED : FalsetickerVerdict.NOT_SEEN;
    return new Summary(b);
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The child reached SYNCHRONIZED, read the time at least once and exited 0. */
  public boolean success() {
    return childExitCode == 0 && readingsAfterSync > 0 && timeToFirstSyncNanos.isPresent();
  }

  public boolean synchronised() {
    return timeToFirstSyncNanos.isPresent();
  }

  public boolean truthKnown() {
    return truthKnown;
  }

  public int readings() {
    return readings;
  }

  public int readingsAfterSync() {
    return readingsAfterSync;
  }

  /** From launching the child JVM to its first SYNCHRONIZED probe. */
  public OptionalLong timeToFirstSyncNanos() {
    return timeToFirstSyncNanos;
  }

  /** Readings after sync left out of the error figures because their read window was too wide. */
  public int heldUpReadings() {
    return heldUpReadings;
  }

  /** From launch to the child's {@code main} (its first probe): JVM and agent start-up. */
  public OptionalLong appStartNanos() {
    return appStartNanos;
  }

  /** The legacy app's very first reading was already corrected. */
  public boolean firstReadingCorrected() {
    return firstReadingCorrected;
  }

  /**
   * Worst |error| of any of the six APIs against the truth once synchronised (local servers only).
   */
  public long maxAbsErrorAfterSyncNanos() {
    return maxAbsErrorAfterSyncNanos;
  }

  public long medianAbsErrorAfterSyncNanos() {
    return medianAbsErrorAfterSyncNanos;
  }

  public long maxSpreadNanos() {
    return maxSpreadNanos;
  }

  /** Median of corrected − raw once synchronised (the offset the agent applied). */
  public long medianCorrectionNanos() {
    return medianCorrectionNanos;
  }

  public int boundedProbes() {
    return boundedProbes;
  }

  public int boundsContainingTruth() {
    return boundsContainingTruth;
  }

  public long medianUncertaintyNanos() {
    return medianUncertaintyNanos;
  }

  public String finalStatus() {
    return finalStatus;
  }

  /** Distinct poll rounds the probe saw (a change in the last round's sources). */
  public int roundsSeen() {
    return roundsSeen;
  }

  public FalsetickerVerdict falseticker() {
    return falseticker;
  }

  public boolean silentTimedOut() {
    return silentTimedOut;
  }

  public Map<String, Integer> logTags() {
    return logTags;
  }

  public int childExitCode() {
    return childExitCode;
  }

  /** The summary as printed (and drawn into the chart). */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(
        "result:                " + (success() ? "OK — synchronised" : "FAILED — " + failure()));
    out.add(
        "time to first sync:    "
            + (timeToFirstSyncNanos.isPresent()
                ? ms(timeToFirstSyncNanos.getAsLong(), 0)
                    + " after launching the JVM (first accepted round)"
                : "never"));
    out.add(
        "app's main started:    "
            + (appStartNanos.isPresent()
                ? ms(appStartNanos.getAsLong(), 0)
                    + " after launching the JVM (JVM and agent start-up)"
                : "never"));
    out.add(
        "first reading:         "
            + (readings == 0
                ? "none"
                : firstReadingCorrected
                    ? "already corrected (premain waited for the first sync)"
                    : "raw (not yet synchronised)"));
    if (truthKnown) {
      out.add(
          "without ChronoTick:    "
              + signedMs(rawErrorNanos, 1)
              + " (the host clock against the servers)");
      out.add(
          "error after sync:      max "
              + ms(maxAbsErrorAfterSyncNanos, 2)
              + ", median "
              + ms(medianAbsErrorAfterSyncNanos, 2)
              + "  (worst of 6 APIs, "
              + (readingsAfterSync - heldUpReadings)
              + " readings)");
      if (heldUpReadings > 0) {
        out.add(
            "held-up readings:      "
                + heldUpReadings
                + " left out: the app's thread was held up over "
                + ms(Row.MAX_READ_WINDOW_NANOS, 0)
                + " while reading, so their moment is uncertain");
      }
      out.add(
          "truth inside bounds:   "
              + boundsContainingTruth
              + " of "
              + boundedProbes
              + " probes (median ±"
              + ms(medianUncertaintyNanos, 2)
              + ")");
    } else {
      out.add(
          "correction applied:    "
              + signedMs(medianCorrectionNanos, 2)
              + " median (truth unknown with real servers)");
      out.add(
          "bounds:                median ±"
              + ms(medianUncertaintyNanos, 2)
              + " over "
              + boundedProbes
              + " probes");
    }
    out.add("6-API spread:          max " + ms(maxSpreadNanos, 0) + " (millisecond APIs truncate)");
    if (truthKnown) {
      out.add("falseticker:           " + falsetickerText());
      out.add(
          "silent server:         "
              + (silentTimedOut ? "timed out, clock unaffected" : "not reported"));
    }
    StringBuilder tags = new StringBuilder();
    for (Map.Entry<String, Integer> e : logTags.entrySet()) {
      tags.append(tags.length() == 0 ? "" : ", ")
          .append(e.getKey())
          .append(" x")
          .append(e.getValue());
    }
    out.add("agent log lines:       " + (tags.length() == 0 ? "none" : tags));
    out.add("poll rounds seen:      " + roundsSeen + " (by the probe in the app's JVM)");
    out.add("final status:          " + finalStatus + ", child exit code " + childExitCode);
    if (!sharedMonotonic) {
      out.add(
          "note:                  child nanoTime did not line up; errors include the pipe latency");
    }
    return out;
  }

  private String failure() {
    if (readings == 0) {
      return "the app printed no readings";
    }
    if (!synchronised()) {
      return "never synchronised";
    }
    if (childExitCode != 0) {
      return "child exit code " + childExitCode;
    }
    return "no reading after sync";
  }

  private String falsetickerText() {
    switch (falseticker) {
      case REJECTED:
        return "rejected (reported as " + String.join("/", falsetickerStatuses) + ", never used)";
      case USED:
        return "USED at least once (reported as " + String.join("/", falsetickerStatuses) + ")";
      default:
        return "not seen in any round";
    }
  }

  static String ms(long nanos, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f ms", nanos / 1e6);
  }

  static String signedMs(long nanos, int decimals) {
    return String.format(Locale.ROOT, "%+." + decimals + "f ms", nanos / 1e6);
  }
}
