package dev.chronotick.ntp;

import java.util.Objects;

/** The outcome of one request to one server: a valid {@link Sample}, or a named rejection. */
public final class ExchangeResult {
  private final ServerAddress server;
  private final Sample sample;
  private final RejectReason reason;
  private final String detail;

  private ExchangeResult(ServerAddress server, Sample sample, RejectReason reason, String detail) {
    this.server = Objects.requireNonNull(server, "server");
    this.sample = sample;
    this.reason = reason;
    this.detail = detail == null ? "" : detail;
  }

  public static ExchangeResult accepted(Sample sample) {
    return new ExchangeResult(sample.server(), sample, null, "");
  }

  public static ExchangeResult rejected(ServerAddress server, RejectReason reason, String detail) {
    return new ExchangeResult(server, null, Objects.requireNonNull(reason, "reason"), detail);
  }

  public ServerAddress server() {
    return server;
  }

  public boolean isAccepted() {
    return sample != null;
  }

  /** The sample, or null when rejected. */
  public Sample sample() {
    return sample;
  }

  /** The reason, or null when accepted. */
  public RejectReason reason() {
    return reason;
  }

  /** Human-readable specifics, e.g. {@code "KoD RATE"} or the resolver's message; may be empty. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return isAccepted()
        ? sample.toString()
        : server + " " + reason + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
