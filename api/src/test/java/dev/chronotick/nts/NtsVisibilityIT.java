package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.CorrectedClock;
import dev.chronotick.testkit.TestPki;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clock polling a loopback chronyd over NTS and plainly: {@code snapshot()} and the MXBean's
 * server table show, per server, whether it is authenticated, the cookies left and the last key
 * exchange.
 */
class NtsVisibilityIT {
  /** Deleted by JUnit after each test. */
  @TempDir Path tmp;

  @Test
  void snapshotAndJmxShowTheNtsState() throws Exception {
    assumeTrue(NtsChronyd.isAvailable(), "chronyd or openssl missing");
    assumeTrue(KeTlsProviders.find() != null, KeTlsProviders.unavailableReason());
    TestPki pki = TestPki.create(tmp);
    pki.server("loopback", "IP:127.0.0.1", "DNS:localhost");
    try (NtsChronyd server = NtsChronyd.start(pki, "loopback")) {
      String nts = "nts://127.0.0.1:" + server.kePort;
      String plain = "127.0.0.1:" + server.chronyd.port();
      System.setProperty("chronotick.servers", nts + ";" + plain);
      System.setProperty("chronotick.ntsTrustStore", pki.caCertificate().toString());
      try (CorrectedClock clock = CorrectedClock.builder().jmxName("nts-visibility").build()) {
        assertTrue(clock.awaitSynchronized(Duration.ofSeconds(30)), "synchronised");
        ClockSnapshot.Source n = null;
        ClockSnapshot.Source p = null;
        // the NTS server's first sample may land a round after the first synchronisation
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
          List<ClockSnapshot.Source> sources = clock.snapshot().sources();
          n = find(sources, nts);
          p = find(sources, plain);
          if (n != null && n.authenticated() && n.ntsCookies() == NtsSession.JAR_SIZE) {
            break;
          }
          Thread.onSpinWait();
        }
        assertTrue(n != null && n.authenticated(), "NTS source authenticated: " + n);
        assertTrue(n.nts());
        assertEquals(NtsSession.JAR_SIZE, n.ntsCookies(), n.toString());
        assertTrue(n.ntsLastKeyExchange().contains(" s ago: ok (AEAD_"), n.ntsLastKeyExchange());
        assertTrue(n.ntsFailures().isEmpty(), n.ntsFailures().toString());
        assertTrue(p != null && !p.nts() && !p.authenticated(), "plain source: " + p);

        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock,name=nts-visibility");
        CompositeData[] rows = (CompositeData[]) mbs.getAttribute(name, "Servers");
        CompositeData jn = null;
        CompositeData jp = null;
        for (CompositeData row : rows) {
          if (nts.equals(row.get("address"))) {
            jn = row;
          } else if (plain.equals(row.get("address"))) {
            jp = row;
          }
        }
        assertTrue(jn != null && jp != null, "both servers over JMX");
        assertEquals(Boolean.TRUE, jn.get("authenticated"));
        assertTrue(((Integer) jn.get("ntsCookies")) > 0, String.valueOf(jn.get("ntsCookies")));
        assertTrue(
            ((String) jn.get("ntsLastKeyExchange")).contains("ok"),
            String.valueOf(jn.get("ntsLastKeyExchange")));
        assertEquals(Boolean.FALSE, jp.get("authenticated"));
        assertEquals(-1, jp.get("ntsCookies"));
        assertFalse(((String) jp.get("ntsLastKeyExchange")).contains("ok"));
      } finally {
        System.clearProperty("chronotick.servers");
        System.clearProperty("chronotick.ntsTrustStore");
      }
    }
  }

  private static ClockSnapshot.Source find(List<ClockSnapshot.Source> sources, String address) {
    for (ClockSnapshot.Source s : sources) {
      if (s.address().equals(address)) {
        return s;
      }
    }
    return null;
  }
}
