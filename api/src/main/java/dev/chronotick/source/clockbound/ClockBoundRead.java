package dev.chronotick.source.clockbound;

/** The outcome of reading a segment: a snapshot, or the refusal that stopped it. */
public final class ClockBoundRead {
  private final ClockBoundSnapshot snapshot;
  private final Refusal refusal;
  private final String detail;

  private ClockBoundRead(ClockBoundSnapshot snapshot, Refusal refusal, String detail) {
    this.snapshot = snapshot;
    this.refusal = refusal;
    this.detail = detail;
  }

  static ClockBoundRead ok(ClockBoundSnapshot snapshot) {
    return new ClockBoundRead(snapshot, null, "");
  }

  static ClockBoundRead refused(Refusal refusal, String detail) {
    return new ClockBoundRead(null, refusal, detail == null ? "" : detail);
  }

  public boolean isOk() {
    return snapshot != null;
  }

  /** The snapshot, or null when refused. */
  public ClockBoundSnapshot snapshot() {
    return snapshot;
  }

  /** Why there is no snapshot, or null. */
  public Refusal refusal() {
    return refusal;
  }

  /** Specifics of the refusal (values found), empty when none. */
  public String detail() {
    return detail;
  }

  /** One line: the refusal's text and the details. */
  public String reason() {
    if (refusal == null) {
      return "";
    }
    return detail.isEmpty() ? refusal.text() : refusal.text() + ": " + detail;
  }

  @Override
  public String toString() {
    return isOk() ? snapshot.toString() : "refused(" + refusal + " " + detail + ")";
  }
}
