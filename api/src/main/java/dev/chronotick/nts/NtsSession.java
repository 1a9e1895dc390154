package dev.chronotick.nts;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One NTS server's client state across poll rounds (RFC 8915 section 5.7, chrony's {@code
 * nts_ntp_client.c}): the keys of the last key exchange, the NTP address it named, and the cookie
 * jar — every cookie used once, the jar kept at {@value #JAR_SIZE} by the cookies each reply
 * brings. A new key exchange is due when the jar is empty or the server sent an NTS NAK; failed
 * exchanges back off exponentially, from {@code backoffNanos} to {@code maxBackoffNanos}.
 * Thread-safe: the poll thread and the key-exchange thread both use it.
 */
public final class NtsSession {
  /** Cookies held at most (RFC 8915 recommends eight). */
  public static final int JAR_SIZE = KeRecords.MAX_COOKIES;

  private final long backoffNanos;
  private final long maxBackoffNanos;
  private final ArrayDeque<byte[]> jar = new ArrayDeque<>();
  private final Map<KeFailure, Long> failures = new EnumMap<>(KeFailure.class);
  private NtsKeys keys;
  private InetSocketAddress ntpTarget;
  private CompletableFuture<?> pending;
  private int consecutiveFailures;
  private long nextAttemptAt;
  private boolean attemptedBefore;
  private long lastKeAt;
  private boolean hasLastKe;
  private KeOutcome lastFailure;
  private long keCount;
  private long naks;
  private long lastKeElapsedNanos;
  private int lastKeAead = -1;

  public NtsSession(long backoffNanos, long maxBackoffNanos) {
    this.backoffNanos = Math.max(1, backoffNanos);
    this.maxBackoffNanos = Math.max(this.backoffNanos, maxBackoffNanos);
  }

  /** Keys and at least one cookie. */
  public synchronized boolean ready() {
    return keys != null && ntpTarget != null && !jar.isEmpty();
  }

  public synchronized NtsKeys keys() {
    return keys;
  }

  public synchronized InetSocketAddress ntpTarget() {
    return ntpTarget;
  }

  public synchronized int cookiesLeft() {
    return jar.size();
  }

  /** Takes the oldest cookie (never given out again), or null when the jar is empty. */
  public synchronized byte[] takeCookie() {
    return jar.pollFirst();
  }

  /** Puts the cookies of a verified reply in the jar, up to {@value #JAR_SIZE}. */
  public synchronized void addCookies(List<byte[]> cookies) {
    for (byte[] c : cookies) {
      if (jar.size() >= JAR_SIZE) {
        break;
      }
      jar.addLast(c.clone());
    }
  }

  /** The server refused a cookie (NTS NAK): drop the keys and cookies; a new exchange follows. */
  public synchronized void nak() {
    naks++;
    jar.clear();
    keys = null;
  }

  /**
   * True (and the exchange is marked pending) when a key exchange should start now: none is under
   * way, the session is not ready, and the backoff after the last failure has passed.
   */
  public synchronized boolean beginKeIfDue(long now, CompletableFuture<?> marker) {
    if (pending != null || ready()) {
      return false;
    }
    if (attemptedBefore && consecutiveFailures > 0 && now - nextAttemptAt < 0) {
      return false;
    }
    pending = marker;
    attemptedBefore = true;
    return true;
  }

  /** The exchange under way, or null. */
  public synchronized CompletableFuture<?> pending() {
    return pending;
  }

  /** Records a finished exchange: new keys and a full jar, or a failure and a longer backoff. */
  public synchronized void finishKe(long now, KeOutcome outcome, InetSocketAddress target) {
    pending = null;
    lastKeAt = now;
    hasLastKe = true;
    if (outcome.keys() != null && target != null) {
      keys = outcome.keys();
      ntpTarget = target;
      jar.clear();
      addCookies(keys.response().cookies());
      consecutiveFailures = 0;
      keCount++;
      lastKeElapsedNanos = keys.elapsedNanos();
      lastKeAead = keys.aead();
      return;
    }
    KeFailure f = outcome.failure() == null ? KeFailure.TLS_FAILED : outcome.failure();
    failures.merge(f, 1L, Long::sum);
    lastFailure = outcome;
    consecutiveFailures++;
    long wait = backoffNanos;
    for (int i = 1; i < consecutiveFailures && wait < maxBackoffNanos; i++) {
      wait *= 2;
    }
    nextAttemptAt = now + Math.min(wait, maxBackoffNanos);
  }

  /** Nanoseconds until the next exchange may start (0 when it may now). */
  public synchronized long backoffLeft(long now) {
    if (consecutiveFailures == 0) {
      return 0;
    }
    return Math.max(0, nextAttemptAt - now);
  }

  /** The last failed exchange, or null. */
  public synchronized KeOutcome lastFailure() {
    return lastFailure;
  }

  public synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Successful key exchanges so far. */
  public synchronized long keyExchanges() {
    return keCount;
  }

  public synchronized long naks() {
    return naks;
  }

  /** Ticker time of the last finished exchange, or {@code Long.MIN_VALUE}. */
  public synchronized long lastKeAt() {
    return hasLastKe ? lastKeAt : Long.MIN_VALUE;
  }

  public synchronized long lastKeElapsedNanos() {
    return lastKeElapsedNanos;
  }

  /** The AEAD algorithm the last successful exchange negotiated, or -1 before one. */
  public synchronized int lastKeAead() {
    return lastKeAead;
  }

  /** Failed exchanges by reason. */
  public synchronized Map<KeFailure, Long> failures() {
    return Collections.unmodifiableMap(
        new EnumMap<>(failures.isEmpty() ? new EnumMap<>(KeFailure.class) : failures));
  }
}
