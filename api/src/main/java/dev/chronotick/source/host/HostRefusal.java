package dev.chronotick.source.host;

/** Why the host segment gave no usable state; each is counted by {@link HostShareSource}. */
public enum HostRefusal {
  MISSING("no host segment yet"),
  TRUNCATED("host segment shorter than its layout"),
  BAD_MAGIC("not a ChronoTick host segment (magic)"),
  UNSUPPORTED_VERSION("host segment written by another layout version"),
  BAD_SIZE("host segment size field does not match the layout"),
  UNINITIALIZED("host segment not written yet"),
  TORN("no stable read (collector mid-update)"),
  IMPLAUSIBLE("implausible values in the host segment"),
  /** The segment or the lock file belongs to another user: they could feed us any time. */
  FOREIGN_OWNER("host segment owned by another user"),
  /** Group or others may write the segment: anyone could feed us any time. */
  UNSAFE_PERMISSIONS("host segment writable by group or others"),
  /** Past void-after: the collector stopped publishing (exited, killed, or hung). */
  VOID("host segment past void-after (collector not publishing)"),
  /** The collector has no time yet. */
  NOT_SYNCHRONISED("host collector not synchronised"),
  /** The as-of is in the future of this host's monotonic clock: another machine's segment. */
  CAUSALITY("as-of ahead of this host's monotonic clock"),
  IO_ERROR("I/O error on the host segment");

  private final String text;

  HostRefusal(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
