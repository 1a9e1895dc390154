package dev.chronotick.nts;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.TrustManager;

/**
 * The NTS-KE client (RFC 8915 section 4): TLS 1.3 only, ALPN {@code ntske/1}, the server's
 * certificate checked against the trust store and its host name; the request records, the response
 * parsed to its end-of-message record (and no further), and the two keys exported with the RFC's
 * label and context. One deadline covers connect, handshake and reading. Blocking: run it off the
 * poll thread. Never throws; every failure is a {@link KeFailure} with one line of detail.
 */
public final class NtsKeClient {
  public static final int DEFAULT_PORT = 4460;
  public static final String ALPN = "ntske/1";

  /**
   * The AEAD algorithms offered, most preferred first (a server takes the first it supports):
   * AES-SIV-CMAC-256, which every server must support and the one proven against a real server
   * here; then AES-128-GCM-SIV (shorter keys, hence shorter cookies) for a server without it;
   * AES-SIV-CMAC-512 last, since its 64-byte keys make cookies so long that a request with seven
   * placeholders nears the 1500-byte MTU.
   */
  static final int[] OFFERED = {
    KeRecords.AEAD_AES_SIV_CMAC_256, KeRecords.AEAD_AES_128_GCM_SIV, KeRecords.AEAD_AES_SIV_CMAC_512
  };

  private final KeTls tls;
  private final TrustManager[] trust;

  /** {@code trust}: trust managers from {@link TrustStores#load}. */
  public NtsKeClient(KeTls tls, TrustManager[] trust) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.trust = trust;
  }

  public String exporterName() {
    return tls.name();
  }

  /**
   * One key exchange with {@code host}:{@code port} at {@code address} (already resolved), within
   * {@code timeoutMillis} in all.
   */
  public KeOutcome exchange(String host, InetAddress address, int port, long timeoutMillis) {
    long start = System.nanoTime();
    long deadline = start + timeoutMillis * 1_000_000L;
    KeTls.Channel tls = null;
    Socket tcp = new Socket();
    try {
      try {
        tcp.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
      } catch (SocketTimeoutException e) {
        return KeOutcome.fail(
            KeFailure.TIMEOUT,
            "no TCP connection to " + host + ":" + port + " within " + timeoutMillis + " ms");
      } catch (IOException e) {
        return KeOutcome.fail(
            KeFailure.CONNECT_FAILED, "connect to " + host + ":" + port + ": " + describe(e));
      }
      tcp.setSoTimeout(remainingMillis(deadline));
      tls = this.tls.open(tcp, host, port, trust, ALPN, OFFERED);
      String protocol = tls.protocol();
      if (!"TLSv1.3".equals(protocol)) {
        return KeOutcome.fail(KeFailure.TLS_VERSION, "negotiated " + protocol + ", not TLSv1.3");
      }
      String alpn = tls.alpn();
      if (!ALPN.equals(alpn)) {
        return KeOutcome.fail(
            KeFailure.NO_ALPN,
            "server did not agree to ALPN "
                + ALPN
                + (alpn == null || alpn.isEmpty() ? "" : " (chose '" + alpn + "')"));
      }
      OutputStream out = tls.out();
      out.write(KeRecords.request(OFFERED));
      out.flush();
      byte[] buf = new byte[KeRecords.MAX_RESPONSE_BYTES + 1];
      int n = 0;
      InputStream in = tls.in();
      int end;
      while ((end = KeRecords.endOfMessage(buf, n)) < 0) {
        if (n >= buf.length) {
          return KeOutcome.fail(
              KeFailure.TOO_LONG,
              "no end of message within " + KeRecords.MAX_RESPONSE_BYTES + " bytes");
        }
        tcp.setSoTimeout(remainingMillis(deadline));
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          KeRecords.Result partial = KeRecords.parseResponse(buf, n, OFFERED);
          if (partial.failure() == KeFailure.SERVER_ERROR) {
            return KeOutcome.fail(partial.failure(), partial.detail());
          }
          return KeOutcome.fail(
              KeFailure.TRUNCATED,
              "connection closed after " + n + " bytes, before end of message");
        }
        n += r;
      }
      // a complete message: anything after end of message is the server's error, but the records
      // up to it are judged first (an error record before it is the better reason)
      KeRecords.Result result = KeRecords.parseResponse(buf, end, OFFERED);
      if (result.failure() != null) {
        return KeOutcome.fail(result.failure(), result.detail());
      }
      if (n > end) {
        return KeOutcome.fail(KeFailure.TOO_LONG, (n - end) + " bytes after end of message");
      }
      KeResponse response = result.response();
      int keyLength = KeTls.keyLength(response.aead());
      byte[] c2s;
      byte[] s2c;
      try {
        c2s = tls.export(response.aead(), 0, keyLength);
        s2c = tls.export(response.aead(), 1, keyLength);
      } catch (Exception e) {
        return KeOutcome.fail(
            KeFailure.EXPORT_FAILED, this.tls.name() + " exporter: " + describe(e));
      }
      if (c2s == null || s2c == null || c2s.length != keyLength || s2c.length != keyLength) {
        return KeOutcome.fail(KeFailure.EXPORT_FAILED, "exporter gave no key");
      }
      return KeOutcome.ok(
          new NtsKeys(response.aead(), c2s, s2c, response, System.nanoTime() - start));
    } catch (SocketTimeoutException e) {
      return KeOutcome.fail(
          KeFailure.TIMEOUT,
          "no complete key exchange with "
              + host
              + ":"
              + port
              + " within "
              + timeoutMillis
              + " ms");
    } catch (Exception | LinkageError e) {
      return classify(e);
    } finally {
      closeQuietly(tls);
      closeQuietly(tcp);
    }
  }

  /** Names a TLS or socket failure from the exception and its causes. */
  static KeOutcome classify(Throwable e) {
    String text = describe(e);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException
          || t instanceof CertificateNotYetValidException) {
        return KeOutcome.fail(
            KeFailure.CERTIFICATE_UNTRUSTED,
            "certificate outside its validity " + "period: " + text);
      }
      if (t instanceof SocketTimeoutException) {
        return KeOutcome.fail(KeFailure.TIMEOUT, text);
      }
      if (t instanceof UnknownHostException) {
        return KeOutcome.fail(KeFailure.UNRESOLVABLE, text);
      }
      if (t instanceof ConnectException) {
        return KeOutcome.fail(KeFailure.CONNECT_FAILED, text);
      }
      if (t instanceof EOFException) {
        return KeOutcome.fail(KeFailure.TLS_FAILED, "connection closed during handshake: " + text);
      }
    }
    String all = allMessages(e).toLowerCase(Locale.ROOT);
    if (all.contains("no subject alternative")
        || all.contains("no name matching")
        || all.contains("hostname")
        || all.contains("host name")) {
      return KeOutcome.fail(KeFailure.HOST_NAME_MISMATCH, text);
    }
    if (all.contains("expired") || all.contains("not yet valid") || all.contains("validity")) {
      return KeOutcome.fail(
          KeFailure.CERTIFICATE_UNTRUSTED, "certificate outside its validity " + "period: " + text);
    }
    if (all.contains("pkix")
        || all.contains("certification path")
        || all.contains("trust anchor")
        || all.contains("unknown_ca")
        || all.contains("certificate_unknown")
        || all.contains("bad_certificate")) {
      return KeOutcome.fail(KeFailure.CERTIFICATE_UNTRUSTED, text);
    }
    if (all.contains("no_application_protocol") || all.contains("application protocol")) {
      return KeOutcome.fail(KeFailure.NO_ALPN, text);
    }
    if (all.contains("protocol_version")
        || all.contains("protocol version")
        || all.contains("tls12")
        || all.contains("tlsv1.2")
        || all.contains("no appropriate protocol")) {
      return KeOutcome.fail(KeFailure.TLS_VERSION, text);
    }
    return KeOutcome.fail(KeFailure.TLS_FAILED, text);
  }

  private static String allMessages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" | ");
    }
    return b.toString();
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  private static void closeQuietly(java.io.Closeable s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing after the exchange: nothing to do
      }
    }
  }
}
