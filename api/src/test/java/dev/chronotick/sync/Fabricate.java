package dev.chronotick.sync;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;

/** Fabricated samples and exchanges with exactly the offset and delay asked for. */
final class Fabricate {
  static final long MS = 1_000_000L;

  /** 2026-01-01T00:00:00Z in epoch nanos: a realistic magnitude for t1..t4. */
  static final long BASE_EPOCH = 1_767_225_600_000_000_000L;

  private Fabricate() {}

  static ServerAddress server(String host) {
    return new ServerAddress(host, 123);
  }

  /** A sample measured at {@code BASE_EPOCH} with root delay and dispersion zero. */
  static Sample sample(String host, long offsetNanos, long delayNanos) {
    return sample(host, offsetNanos, delayNanos, 0, 0);
  }

  static Sample sample(
      String host, long offsetNanos, long delayNanos, long rootDelay, long rootDispersion) {
    return sampleAt(
        server(host), BASE_EPOCH, 0, offsetNanos, delayNanos, rootDelay, rootDispersion);
  }

  /**
   * Symmetric exchange starting at local {@code t1}: its offset is exactly {@code offsetNanos} for
   * even delays.
   */
  static Sample sampleAt(
      ServerAddress server,
      long t1,
      long tickerAtT1,
      long offsetNanos,
      long delayNanos,
      long rootDelay,
      long rootDispersion) {
    long t2 = t1 + delayNanos / 2 + offsetNanos;
    long t3 = t2;
    long t4 = t1 + delayNanos;
    return new Sample(
        server,
        t1,
        t2,
        t3,
        t4,
        delayNanos,
        2,
        0,
        rootDelay,
        rootDispersion,
        "GPS",
        tickerAtT1 + delayNanos);
  }

  static ExchangeResult ok(String host, long offsetNanos, long delayNanos) {
    return ExchangeResult.accepted(sample(host, offsetNanos, delayNanos));
  }

  static ExchangeResult timeout(String host) {
    return ExchangeResult.rejected(server(host), RejectReason.TIMEOUT, "");
  }

  static ExchangeResult rejected(String host, RejectReason reason, String detail) {
    return ExchangeResult.rejected(server(host), reason, detail);
  }
}
