package dev.chronotick.source.chrony;

/** Why a chronyd query gave no usable tracking data; each has a counter in {@link ChronySource}. */
public enum ChronyRefusal {
  /** No reply within the timeout (chronyd not running, or its command port closed to us). */
  NO_REPLY("no reply from chronyd"),
  /** Shorter than the reply header or than a tracking reply. */
  SHORT("reply too short"),
  /** A protocol version other than the one asked. */
  BAD_VERSION("unsupported protocol version"),
  /** Not a command reply: packet type or reserved bytes wrong. */
  NOT_A_REPLY("not a command reply"),
  /** A reply to another command or another request (sequence). */
  MISMATCH("reply does not match the request"),
  /** chronyd answered with an error status (e.g. unauthorised: no cmdallow for us). */
  ERROR_STATUS("chronyd refused the request"),
  /** A reply of a different format than tracking. */
  WRONG_REPLY_TYPE("not a tracking reply"),
  /** Values no chronyd sends: not finite, negative root delay or dispersion. */
  IMPLAUSIBLE("implausible tracking values"),
  /** chronyd is not synchronised (leap status unsynchronised or stratum 0). */
  NOT_SYNCHRONISED("chronyd is not synchronised"),
  /** The socket failed (bad address, no route). */
  IO_ERROR("I/O error talking to chronyd");

  private final String text;

  ChronyRefusal(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
