package dev.chronotick.nts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Vector;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * NTS-KE over BouncyCastle's TLS API (for JDK 11 to 24, whose TLS has no exporter). BouncyCastle
 * allows key export only while the handshake completes, so the keys of every offered AEAD are
 * exported then. The server's chain is checked with the JDK trust manager and its host name by
 * {@link HostNames}. Loaded only through {@link KeTlsProviders}, and only when BouncyCastle ({@code
 * bctls-jdk18on}, {@code bcprov-jdk18on}, {@code bcutil-jdk18on}) is present.
 */
public final class BcKeTls implements KeTls {
  public BcKeTls() {
    // fails here, not later, when a BouncyCastle class is missing
    new BcTlsCrypto(new SecureRandom());
  }

  @Override
  public String name() {
    return "BouncyCastle";
  }

  @Override
  public Channel open(
      Socket tcp, String host, int port, TrustManager[] trust, String alpn, int[] aeads)
      throws Exception {
    X509TrustManager tm = null;
    for (TrustManager t : trust) {
      if (t instanceof X509TrustManager) {
        tm = (X509TrustManager) t;
        break;
      }
    }
    if (tm == null) {
      throw new IllegalStateException("no X.509 trust manager");
    }
    Client client = new Client(new BcTlsCrypto(new SecureRandom()), host, tm, alpn, aeads);
    TlsClientProtocol protocol = new TlsClientProtocol(tcp.getInputStream(), tcp.getOutputStream());
    try {
      protocol.connect(client);
    } catch (IOException | RuntimeException e) {
      protocol.close();
      throw client.failure != null ? client.failure : e;
    }
    return new Channel() {
      @Override
      public InputStream in() {
        return protocol.getInputStream();
      }

      @Override
      public OutputStream out() {
        return protocol.getOutputStream();
      }

      @Override
      public String protocol() {
        return client.version;
      }

      @Override
      public String alpn() {
        return client.alpn;
      }

      @Override
      public byte[] export(int aead, int direction, int length) {
        byte[] k = client.keys.get(aead * 2 + direction);
        return k == null || k.length != length ? null : k.clone();
      }

      @Override
      public void close() throws IOException {
        protocol.close();
      }
    };
  }

  private static final class Client extends DefaultTlsClient {
    final String host;
    final X509TrustManager trust;
    final String offeredAlpn;
    final int[] aeads;
    final Map<Integer, byte[]> keys = new HashMap<>();
    String version;
    String alpn;
    Exception failure;

    Client(BcTlsCrypto crypto, String host, X509TrustManager trust, String alpn, int[] aeads) {
      super(crypto);
      this.host = host;
      this.trust = trust;
      this.offeredAlpn = alpn;
      this.aeads = aeads.clone();
    }

    @Override
    public ProtocolVersion[] getProtocolVersions() {
      return ProtocolVersion.TLSv13.only();
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
      Vector<ProtocolName> v = new Vector<>();
      v.add(ProtocolName.asUtf8Encoding(offeredAlpn));
      return v;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
      if (HostNames.isIpLiteral(host)) {
        return null;
      }
      Vector<ServerName> v = new Vector<>();
      v.add(new ServerName(NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
      return v;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate server) throws IOException {
          TlsCertificate[] list = server.getCertificate().getCertificateList();
          try {
            if (list.length == 0) {
              throw new CertificateException("server sent no certificate");
            }
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            X509Certificate[] chain = new X509Certificate[list.length];
            for (int i = 0; i < list.length; i++) {
              chain[i] =
                  (X509Certificate)
                      f.generateCertificate(new ByteArrayInputStream(list[i].getEncoded()));
            }
            trust.checkServerTrusted(chain, "UNKNOWN");
            HostNames.check(chain[0], host);
          } catch (CertificateException e) {
            failure = e;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
          }
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) {
          return null;
        }
      };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      SecurityParameters sp = context.getSecurityParametersConnection();
      version =
          sp.getNegotiatedVersion() == null
              ? null
              : sp.getNegotiatedVersion().equals(ProtocolVersion.TLSv13)
                  ? "TLSv1.3"
                  : sp.getNegotiatedVersion().toString();
      ProtocolName p = sp.getApplicationProtocol();
      alpn = p == null ? null : p.getUtf8Decoding();
      if (!"TLSv1.3".equals(version)) {
        return;
      }
      for (int aead : aeads) {
        for (int dir = 0; dir < 2; dir++) {
          keys.put(
              aead * 2 + dir,
              context.exportKeyingMaterial(
                  EXPORTER_LABEL, KeTls.exporterContext(aead, dir), KeTls.keyLength(aead)));
        }
      }
    }
  }
}
