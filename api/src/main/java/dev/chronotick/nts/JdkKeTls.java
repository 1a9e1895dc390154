package dev.chronotick.nts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Socket;
import java.util.Collections;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * NTS-KE over the JDK's TLS, keys from {@code ExtendedSSLSession.exportKeyingMaterialData} (JDK 25
 * and later), called reflectively so the code compiles for Java 11.
 */
final class JdkKeTls implements KeTls {
  private final Method export;

  private JdkKeTls(Method export) {
    this.export = export;
  }

  /** The JDK's exporter, or null before JDK 25. */
  static JdkKeTls find() {
    try {
      return new JdkKeTls(
          ExtendedSSLSession.class.getMethod(
              "exportKeyingMaterialData", String.class, byte[].class, int.class));
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  @Override
  public String name() {
    return "JDK";
  }

  @Override
  public Channel open(
      Socket tcp, String host, int port, TrustManager[] trust, String alpn, int[] aeads)
      throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, trust, null);
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
    try {
      SSLParameters params = ssl.getSSLParameters();
      params.setProtocols(new String[] {"TLSv1.3"});
      params.setApplicationProtocols(new String[] {alpn});
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (!HostNames.isIpLiteral(host)) {
        params.setServerNames(Collections.singletonList(new SNIHostName(host)));
      }
      ssl.setSSLParameters(params);
      ssl.startHandshake();
    } catch (Exception e) {
      ssl.close();
      throw e;
    }
    return new Channel() {
      @Override
      public InputStream in() throws IOException {
        return ssl.getInputStream();
      }

      @Override
      public OutputStream out() throws IOException {
        return ssl.getOutputStream();
      }

      @Override
      public String protocol() {
        return ssl.getSession().getProtocol();
      }

      @Override
      public String alpn() {
        return ssl.getApplicationProtocol();
      }

      @Override
      public byte[] export(int aead, int direction, int length) throws Exception {
        try {
          return (byte[])
              export.invoke(
                  ssl.getSession(), EXPORTER_LABEL, KeTls.exporterContext(aead, direction), length);
        } catch (InvocationTargetException e) {
          Throwable c = e.getCause();
          throw c instanceof Exception ? (Exception) c : e;
        }
      }

      @Override
      public void close() throws IOException {
        ssl.close();
      }
    };
  }
}
