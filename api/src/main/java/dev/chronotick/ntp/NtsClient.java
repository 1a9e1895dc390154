package dev.chronotick.ntp;

import dev.chronotick.nts.KeFailure;
import dev.chronotick.nts.KeOutcome;
import dev.chronotick.nts.KeResponse;
import dev.chronotick.nts.KeTls;
import dev.chronotick.nts.KeTlsProviders;
import dev.chronotick.nts.NtsKeClient;
import dev.chronotick.nts.NtsSession;
import dev.chronotick.nts.TrustStores;
import dev.chronotick.time.Ticker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NTS side of the transport: one {@link NtsSession} per NTS server, kept across rounds, and the
 * key exchanges that fill them, run off the poll thread. The TLS implementation and the trust store
 * are loaded on the first NTS server, never before; when either is missing every NTS server fails
 * with {@link RejectReason#NTS_KE_FAILED} and one line saying why — never with plain NTP.
 */
public final class NtsClient {
  private static final Logger log = LoggerFactory.getLogger(NtsClient.class);

  /** Default deadline of one key exchange (connect, handshake, response). */
  public static final Duration DEFAULT_KE_TIMEOUT = Duration.ofSeconds(5);

  /** Wait after the first failed key exchange; doubled per further failure. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(4);

  /** The longest wait between failed key exchanges. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);

  private final Path trustStore;
  private final Duration keTimeout;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final Map<ServerAddress, NtsSession> sessions = new ConcurrentHashMap<>();
  private final Object loadLock = new Object();
  private volatile NtsKeClient client;
  private volatile String unavailable;

  /** {@code trustStore}: PEM or PKCS#12 CA certificates, or null for the JDK's. */
  public NtsClient(Path trustStore, Duration keTimeout, Duration backoff, Duration maxBackoff) {
    this.trustStore = trustStore;
    this.keTimeout = Objects.requireNonNull(keTimeout, "keTimeout");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  /** The JDK's trust store and the default deadlines. */
  public static NtsClient defaults() {
    return new NtsClient(null, DEFAULT_KE_TIMEOUT, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  /** Default deadlines; {@code trustStore} a file name, or null for the JDK's CA certificates. */
  public static NtsClient withTrustStore(String trustStore) {
    return new NtsClient(
        trustStore == null ? null : java.nio.file.Paths.get(trustStore),
        DEFAULT_KE_TIMEOUT,
        DEFAULT_BACKOFF,
        DEFAULT_MAX_BACKOFF);
  }

  /** The deadline of one key exchange: a round that needs one waits for it this long at most. */
  long keTimeoutNanos() {
    return keTimeout.toNanos();
  }

  public NtsSession session(ServerAddress server) {
    return sessions.computeIfAbsent(
        server, s -> new NtsSession(backoff.toNanos(), maxBackoff.toNanos()));
  }

  /** The sessions so far, by server (for status and JMX). */
  public Map<ServerAddress, NtsSession> sessions() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
  }

  /**
   * Null when NTS can run here, else the one-line reason it cannot (no TLS exporter, bad trust
   * store).
   */
  String unavailableReason() {
    load();
    return client == null ? unavailable : null;
  }

  /** The TLS implementation's name ("JDK" or "BouncyCastle"), or null when unavailable. */
  public String tlsName() {
    load();
    NtsKeClient c = client;
    return c == null ? null : c.exporterName();
  }

  private void load() {
    if (client != null || unavailable != null) {
      return;
    }
    synchronized (loadLock) {
      if (client != null || unavailable != null) {
        return;
      }
      KeTls tls = KeTlsProviders.find();
      if (tls == null) {
        unavailable = KeTlsProviders.unavailableReason();
        // an nts:// server the user asked for can never work here: an error, said once
        log.error("NTS servers cannot be used: {}", unavailable);
        return;
      }
      TrustManager[] trust;
      try {
        trust = TrustStores.load(trustStore);
      } catch (Exception e) {
        String m = e.getMessage();
        unavailable =
            "NTS trust store "
                + (trustStore == null ? "(JDK default)" : trustStore)
                + " unreadable: "
                + e.getClass().getSimpleName()
                + (m == null ? "" : ": " + m);
        log.warn("{}", unavailable);
        return;
      }
      client = new NtsKeClient(tls, trust);
    }
  }

  /**
   * Starts a key exchange with {@code server} on {@code executor} when one is due; the session
   * holds the outcome when it is done. Returns the exchange under way (new or earlier), or null
   * when none is due (ready, or backing off).
   */
  CompletableFuture<?> startKeIfDue(
      ServerAddress server,
      NtsSession session,
      Executor executor,
      HostResolver resolver,
      Ticker ticker) {
    CompletableFuture<Void> marker = new CompletableFuture<>();
    if (!session.beginKeIfDue(ticker.nanos(), marker)) {
      return session.pending();
    }
    NtsKeClient c = client;
    try {
      executor.execute(
          () -> {
            KeOutcome outcome;
            InetSocketAddress target = null;
            try {
              outcome = exchange(c, server, resolver);
              if (outcome.keys() != null) {
                KeResponse r = outcome.keys().response();
                String host = r.server() == null ? server.host() : r.server();
                int port = r.port() < 0 ? ServerAddress.DEFAULT_PORT : r.port();
                InetAddress a = resolve(host, resolver);
                target = new InetSocketAddress(a, port);
              }
            } catch (UnknownHostException e) {
              outcome =
                  KeOutcome.fail(
                      KeFailure.BAD_SERVER,
                      "NTP server named by " + server + " does not resolve: " + e.getMessage());
            } catch (RuntimeException e) {
              outcome = KeOutcome.fail(KeFailure.TLS_FAILED, e.toString());
            }
            session.finishKe(ticker.nanos(), outcome, target);
            if (outcome.keys() != null) {
              log.debug(
                  "NTS-KE with {}: {} cookies in {} ms",
                  server,
                  outcome.keys().response().cookieCount(),
                  outcome.keys().elapsedNanos() / 1_000_000);
            } else {
              log.debug(
                  "NTS-KE with {} failed: {} {}", server, outcome.failure(), outcome.detail());
            }
            marker.complete(null);
          });
    } catch (RuntimeException e) {
      session.finishKe(ticker.nanos(), KeOutcome.fail(KeFailure.TLS_FAILED, e.toString()), null);
      marker.complete(null);
    }
    return marker;
  }

  private KeOutcome exchange(NtsKeClient c, ServerAddress server, HostResolver resolver) {
    InetAddress address;
    try {
      address = resolve(server.host(), resolver);
    } catch (UnknownHostException e) {
      return KeOutcome.fail(
          KeFailure.UNRESOLVABLE, "cannot resolve '" + server.host() + "': " + e.getMessage());
    }
    return c.exchange(server.host(), address, server.port(), keTimeout.toMillis());
  }

  private static InetAddress resolve(String host, HostResolver resolver)
      throws UnknownHostException {
    InetAddress literal = IpLiterals.parse(host);
    if (literal != null) {
      return literal;
    }
    InetAddress[] all = resolver.resolve(host);
    if (all == null || all.length == 0 || all[0] == null) {
      throw new UnknownHostException("no address for '" + host + "'");
    }
    return all[0];
  }
}
