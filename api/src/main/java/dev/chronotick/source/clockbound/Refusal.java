package dev.chronotick.source.clockbound;

/**
 * Why a ClockBound segment gave no usable reading; each has a counter in {@link ClockBoundSource}.
 */
public enum Refusal {
  /** The segment file does not exist or cannot be opened. */
  MISSING("no segment file"),
  /** The file is shorter than the header or than the layout its version names. */
  TRUNCATED("segment shorter than its layout"),
  /** The first eight bytes are not ClockBound's magic in this machine's byte order. */
  BAD_MAGIC("not a ClockBound segment (magic)"),
  /** Version or generation 0: the daemon has created the file but not written it yet. */
  UNINITIALIZED("segment not initialised yet"),
  /** A version this reader does not know. */
  UNSUPPORTED_VERSION("segment version not supported"),
  /** The segment-size field is smaller than the version's layout or larger than the file. */
  BAD_SIZE("segment size field does not match the layout"),
  /**
   * The generation never stayed stable across a read (the writer kept writing, or died mid-write).
   */
  TORN("no stable read (writer mid-update)"),
  /** Values no daemon writes: a negative bound, nanoseconds out of range, absurd drift. */
  IMPLAUSIBLE("implausible values"),
  /** The status code is none of the four defined. */
  BAD_STATUS("unknown clock status code"),
  /** The monotonic clock now is before the segment's as-of: not written against this clock. */
  CAUSALITY("as-of is in the future of this host's monotonic clock"),
  /** Past void-after: the daemon stopped updating, no bound is promised any more. */
  VOID("past void-after (daemon not updating)"),
  /** The daemon says the status is unknown. */
  STATUS_UNKNOWN("daemon reports clock status unknown"),
  /** The daemon says the clock was disrupted, or the disruption marker moved. */
  DISRUPTED("clock disrupted (VM migration or snapshot restore)"),
  /** Reading the file failed. */
  IO_ERROR("I/O error reading the segment");

  private final String text;

  Refusal(String text) {
    this.text = text;
  }

  /** A short human-readable explanation. */
  public String text() {
    return text;
  }
}
