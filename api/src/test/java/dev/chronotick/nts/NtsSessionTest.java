package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ServerAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NtsSessionTest {
  static final long S = 1_000_000_000L;
  static final InetSocketAddress TARGET = new InetSocketAddress("127.0.0.1", 123);

  static KeOutcome keys(int cookies) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    KeRecords.record(out, true, KeRecords.NEXT_PROTOCOL, new byte[2]);
    KeRecords.record(out, true, KeRecords.AEAD_ALGORITHM, new byte[] {0, 15});
    for (int i = 0; i < cookies; i++) {
      byte[] c = new byte[100];
      c[0] = (byte) i;
      KeRecords.record(out, false, KeRecords.NEW_COOKIE, c);
    }
    KeRecords.record(out, true, KeRecords.END_OF_MESSAGE, new byte[0]);
    byte[] b = out.toByteArray();
    KeResponse r = KeRecords.parseResponse(b, b.length, 15).response();
    return KeOutcome.ok(NtsKeys.of(15, new byte[32], new byte[32], r));
  }

  @Test
  void everyCookieIsUsedOnceAndTheJarIsKeptAtEight() {
    NtsSession s = new NtsSession(4 * S, 3600 * S);
    assertTrue(s.beginKeIfDue(0, new CompletableFuture<>()));
    s.finishKe(0, keys(8), TARGET);
    assertTrue(s.ready());
    List<byte[]> taken = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      taken.add(s.takeCookie());
    }
    assertNull(s.takeCookie(), "no cookie twice");
    assertFalse(s.ready(), "an empty jar needs a new key exchange");
    for (int i = 0; i < 8; i++) {
      assertEquals(i, taken.get(i)[0]);
    }
    List<byte[]> fresh = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      fresh.add(new byte[100]);
    }
    s.addCookies(fresh);
    assertEquals(8, s.cookiesLeft(), "jar capped at eight");
    assertNotSame(fresh.get(0), s.takeCookie());
  }

  @Test
  void aNakDropsKeysAndCookies() {
    NtsSession s = new NtsSession(4 * S, 3600 * S);
    s.beginKeIfDue(0, new CompletableFuture<>());
    s.finishKe(0, keys(8), TARGET);
    s.nak();
    assertFalse(s.ready());
    assertEquals(0, s.cookiesLeft());
    assertTrue(s.beginKeIfDue(1, new CompletableFuture<>()), "a new exchange right away");
  }

  @Test
  void failedExchangesBackOffExponentiallyUpToTheMaximum() {
    NtsSession s = new NtsSession(4 * S, 30 * S);
    long now = 0;
    long[] expected = {4, 8, 16, 30, 30};
    for (long wait : expected) {
      assertTrue(s.beginKeIfDue(now, new CompletableFuture<>()));
      assertFalse(s.beginKeIfDue(now, new CompletableFuture<>()), "one exchange at a time");
      s.finishKe(now, KeOutcome.fail(KeFailure.TIMEOUT, "x"), null);
      assertEquals(wait * S, s.backoffLeft(now));
      assertFalse(s.beginKeIfDue(now + wait * S - 1, new CompletableFuture<>()));
      now += wait * S;
    }
    assertEquals(5L, s.failures().get(KeFailure.TIMEOUT));
    assertTrue(s.beginKeIfDue(now, new CompletableFuture<>()));
    s.finishKe(now, keys(8), TARGET);
    assertEquals(0, s.consecutiveFailures());
    assertEquals(0, s.backoffLeft(now));
  }

  @Test
  void ntsServerAddresses() {
    ServerAddress a = ServerAddress.parse("nts://time.cloudflare.com");
    assertTrue(a.isNts());
    assertEquals(4460, a.port());
    assertEquals("nts://time.cloudflare.com", a.toString());
    ServerAddress b = ServerAddress.parse("NTS://[::1]:4461");
    assertEquals("::1", b.host());
    assertEquals("nts://[::1]:4461", b.toString());
    assertEquals(b, ServerAddress.parse(b.toString()));
    assertFalse(ServerAddress.parse("time.cloudflare.com").isNts());
    assertFalse(a.equals(new ServerAddress("time.cloudflare.com", 4460)));
    assertEquals("nts://h:123", ServerAddress.nts("h", 123).toString());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ServerAddress.parse("nts://"));
  }
}
