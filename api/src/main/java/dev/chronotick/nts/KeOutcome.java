package dev.chronotick.nts;

/** The outcome of one key exchange: keys, or a named failure with a one-line detail. */
public final class KeOutcome {
  private final NtsKeys keys;
  private final KeFailure failure;
  private final String detail;

  private KeOutcome(NtsKeys keys, KeFailure failure, String detail) {
    this.keys = keys;
    this.failure = failure;
    this.detail = detail;
  }

  public static KeOutcome ok(NtsKeys keys) {
    return new KeOutcome(keys, null, "");
  }

  public static KeOutcome fail(KeFailure failure, String detail) {
    return new KeOutcome(null, failure, oneLine(detail));
  }

  /** The keys, or null on failure. */
  public NtsKeys keys() {
    return keys;
  }

  /** The failure, or null on success. */
  public KeFailure failure() {
    return failure;
  }

  public String detail() {
    return detail;
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return keys != null ? keys.toString() : failure + ": " + detail;
  }
}
