package dev.chronotick.source.chrony;

/**
 * chronyd's tracking report (what {@code chronyc tracking} prints), in SI units. {@link
 * #currentCorrectionSeconds()} is what chronyd would add to the system clock to make it its
 * estimate of true time: positive when the system clock is slow ({@code chronyc}: "System time :
 * ... seconds slow of NTP time"). It is non-zero while chronyd slews, and stays so when chronyd
 * runs with {@code -x} (it then never corrects the clock).
 */
public final class ChronyTracking {
  /** Leap status values ({@code leap_status}). */
  public static final int LEAP_NORMAL = 0;

  public static final int LEAP_INSERT = 1;
  public static final int LEAP_DELETE = 2;
  public static final int LEAP_UNSYNCHRONISED = 3;

  private final long refId;
  private final int stratum;
  private final int leapStatus;
  private final long refTimeEpochNanos;
  private final double currentCorrectionSeconds;
  private final double lastOffsetSeconds;
  private final double rmsOffsetSeconds;
  private final double frequencyPpm;
  private final double residualFrequencyPpm;
  private final double skewPpm;
  private final double rootDelaySeconds;
  private final double rootDispersionSeconds;
  private final double lastUpdateIntervalSeconds;

  ChronyTracking(
      long refId,
      int stratum,
      int leapStatus,
      long refTimeEpochNanos,
      double currentCorrectionSeconds,
      double lastOffsetSeconds,
      double rmsOffsetSeconds,
      double frequencyPpm,
      double residualFrequencyPpm,
      double skewPpm,
      double rootDelaySeconds,
      double rootDispersionSeconds,
      double lastUpdateIntervalSeconds) {
    this.refId = refId;
    this.stratum = stratum;
    this.leapStatus = leapStatus;
    this.refTimeEpochNanos = refTimeEpochNanos;
    this.currentCorrectionSeconds = currentCorrectionSeconds;
    this.lastOffsetSeconds = lastOffsetSeconds;
    this.rmsOffsetSeconds = rmsOffsetSeconds;
    this.frequencyPpm = frequencyPpm;
    this.residualFrequencyPpm = residualFrequencyPpm;
    this.skewPpm = skewPpm;
    this.rootDelaySeconds = rootDelaySeconds;
    this.rootDispersionSeconds = rootDispersionSeconds;
    this.lastUpdateIntervalSeconds = lastUpdateIntervalSeconds;
  }

  /** Reference ID (an IPv4 address or four ASCII characters), unsigned 32 bits. */
  public long refId() {
    return refId;
  }

  public int stratum() {
    return stratum;
  }

  /** 0 normal, 1 insert second, 2 delete second, 3 unsynchronised. */
  public int leapStatus() {
    return leapStatus;
  }

  /** When chronyd last updated its reference, epoch nanoseconds (0 if never). */
  public long refTimeEpochNanos() {
    return refTimeEpochNanos;
  }

  public double currentCorrectionSeconds() {
    return currentCorrectionSeconds;
  }

  public double lastOffsetSeconds() {
    return lastOffsetSeconds;
  }

  public double rmsOffsetSeconds() {
    return rmsOffsetSeconds;
  }

  /** The system clock's frequency error chronyd estimates, ppm (positive: the clock is slow). */
  public double frequencyPpm() {
    return frequencyPpm;
  }

  public double residualFrequencyPpm() {
    return residualFrequencyPpm;
  }

  public double skewPpm() {
    return skewPpm;
  }

  public double rootDelaySeconds() {
    return rootDelaySeconds;
  }

  /** Root dispersion grown to the moment of the report. */
  public double rootDispersionSeconds() {
    return rootDispersionSeconds;
  }

  public double lastUpdateIntervalSeconds() {
    return lastUpdateIntervalSeconds;
  }

  /** True unless chronyd says it is unsynchronised (leap 3) or has stratum 0. */
  public boolean synchronised() {
    return leapStatus != LEAP_UNSYNCHRONISED && stratum != 0;
  }

  @Override
  public String toString() {
    return String.format(
        "ChronyTracking{refId=%08x stratum=%d leap=%d correction=%+.9fs freq=%+.3fppm"
            + " rootDelay=%.9fs rootDisp=%.9fs}",
        refId,
        stratum,
        leapStatus,
        currentCorrectionSeconds,
        frequencyPpm,
        rootDelaySeconds,
        rootDispersionSeconds);
  }
}
