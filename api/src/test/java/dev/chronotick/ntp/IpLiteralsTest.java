package dev.chronotick.ntp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {
  @Test
  void ipv4Literal() {
    InetAddress a = IpLiterals.parse("192.0.2.17");
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 17}, a.getAddress());
  }

  @Test
  void ipv6Literal() {
    InetAddress a = IpLiterals.parse("2001:db8::1");
    assertTrue(a instanceof Inet6Address);
    assertEquals(16, a.getAddress().length);
    assertTrue(IpLiterals.parse("::1").isLoopbackAddress());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "time.google.com",
        "localhost",
        "pool.ntp.org",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "1..2.3"
      })
  void namesAndNonLiteralsAreNotParsed(String host) {
    assertNull(IpLiterals.parse(host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a::b::c", "2001:db8::zz", "fe80::1::"})
  void brokenIpv6LiteralsAreRejectedWithoutDns(String host) {
    assertNull(IpLiterals.parse(host));
    assertTrue(
        IpLiterals.looksLikeLiteral(host), "so the transport reports it instead of resolving it");
  }

  @Test
  void namesDoNotLookLikeLiterals() {
    assertFalse(IpLiterals.looksLikeLiteral("time.cloudflare.com"));
    assertTrue(IpLiterals.looksLikeLiteral("10.0.0.1"));
  }
}
