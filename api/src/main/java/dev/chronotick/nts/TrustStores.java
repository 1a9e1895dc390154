package dev.chronotick.nts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The CA certificates NTS-KE servers are checked against: the JDK's, or a PEM or PKCS#12 file. */
public final class TrustStores {
  private TrustStores() {}

  /** Trust managers for {@code file}, or the JDK's default ones when {@code file} is null. */
  public static TrustManager[] load(Path file) throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (file == null) {
      tmf.init((KeyStore) null);
      return tmf.getTrustManagers();
    }
    byte[] data = Files.readAllBytes(file);
    KeyStore store;
    String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.US_ASCII);
    if (head.contains("-----BEGIN")) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(data))) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificate in " + file);
      }
    } else {
      store = KeyStore.getInstance("PKCS12");
      try {
        store.load(new ByteArrayInputStream(data), null);
      } catch (IOException e) {
        store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(data), "changeit".toCharArray());
      }
    }
    tmf.init(store);
    return tmf.getTrustManagers();
  }
}
