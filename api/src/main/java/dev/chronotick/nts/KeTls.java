package dev.chronotick.nts;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.TrustManager;

/**
 * A TLS 1.3 client for NTS-KE that can export keying material: the JDK's (25 and later) or
 * BouncyCastle's ({@link KeTlsProviders}). Public only so that an implementation loaded by another
 * class loader (BouncyCastle's jars beside the agent) can implement it.
 */
public interface KeTls {
  /** "JDK" or "BouncyCastle". */
  String name();

  /**
   * TLS over the connected {@code tcp} socket to {@code host} (certificate and host name checked
   * with {@code trust}), offering only TLS 1.3 and ALPN {@code alpn}; the handshake is done when
   * this returns. {@code aeads} are the AEAD algorithms whose keys {@link Channel#export} may be
   * asked for (an implementation may have to export them at the end of the handshake).
   */
  Channel open(Socket tcp, String host, int port, TrustManager[] trust, String alpn, int[] aeads)
      throws Exception;

  /** An established TLS connection. */
  interface Channel extends Closeable {
    InputStream in() throws Exception;

    OutputStream out() throws Exception;

    /** The negotiated version, {@code TLSv1.3} expected. */
    String protocol();

    /** The negotiated ALPN protocol, or null. */
    String alpn();

    /**
     * The NTS key for {@code aead}, direction 0 (client to server) or 1, of {@code length} bytes
     * (RFC 8915 section 5.1: label {@code EXPORTER-network-time-security}, context protocol id 0,
     * AEAD id, direction).
     */
    byte[] export(int aead, int direction, int length) throws Exception;
  }

  /** RFC 8915 section 5.1: the exporter label. */
  String EXPORTER_LABEL = "EXPORTER-network-time-security";

  /** RFC 8915 section 5.1: protocol id 0 (NTPv4), AEAD id, direction. */
  static byte[] exporterContext(int aead, int direction) {
    return new byte[] {0, 0, (byte) (aead >>> 8), (byte) aead, (byte) direction};
  }

  /** Key length of an AEAD algorithm ({@link NtsAeads#keyLength}). */
  static int keyLength(int aead) {
    return NtsAeads.keyLength(aead);
  }
}
