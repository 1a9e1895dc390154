package dev.chronotick.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.chronotick.ntp.ServerAddress;
import org.junit.jupiter.api.Test;

class AddressRulesTest {
  static ServerAddress a(String text) {
    return ServerAddress.parse(text);
  }

  @Test
  void scopes() {
    assertEquals(AddressScope.LOOPBACK, AddressScope.of(a("127.0.0.1:12300")));
    assertEquals(AddressScope.LOOPBACK, AddressScope.of(a("localhost")));
    assertEquals(AddressScope.LOOPBACK, AddressScope.of(a("[::1]:123")));
    assertEquals(AddressScope.PRIVATE, AddressScope.of(a("10.1.2.3")));
    assertEquals(AddressScope.PRIVATE, AddressScope.of(a("172.16.0.1")));
    assertEquals(AddressScope.PUBLIC, AddressScope.of(a("172.32.0.1")));
    assertEquals(AddressScope.PRIVATE, AddressScope.of(a("192.168.1.1")));
    assertEquals(AddressScope.PRIVATE, AddressScope.of(a("169.254.169.123")));
    assertEquals(AddressScope.PRIVATE, AddressScope.of(a("[fd00::1]")));
    assertEquals(AddressScope.PRIVATE, AddressScope.of(a("[fe80::1%eth0]")));
    assertEquals(AddressScope.PUBLIC, AddressScope.of(a("[2001:db8::1]")));
    assertEquals(AddressScope.PUBLIC, AddressScope.of(a("162.159.200.1")));
    assertEquals(AddressScope.PUBLIC, AddressScope.of(a("time.cloudflare.com")));
    assertEquals(
        AddressScope.PUBLIC, AddressScope.of(a("ntp.internal")), "names are treated as public");
    assertEquals(
        AddressScope.PUBLIC, AddressScope.of(a("300.1.1.1")), "not an IPv4 literal: a name");
  }

  @Test
  void diversityGroups() {
    assertEquals("google.com", DiversityGroup.of(a("time1.google.com")));
    assertEquals(
        DiversityGroup.of(a("time1.google.com")), DiversityGroup.of(a("time4.google.com")));
    assertEquals("ntp.org", DiversityGroup.of(a("0.pool.ntp.org")));
    assertEquals("example.co.uk", DiversityGroup.of(a("ntp.example.co.uk")));
    assertEquals("ip4:192.0.2", DiversityGroup.of(a("192.0.2.7:1234")));
    assertEquals(DiversityGroup.of(a("192.0.2.7")), DiversityGroup.of(a("192.0.2.200")));
    assertNotEquals(DiversityGroup.of(a("192.0.2.7")), DiversityGroup.of(a("192.0.3.7")));
    assertEquals("ip6:2001:db8:1", DiversityGroup.of(a("[2001:0db8:0001:ff::1]")));
    assertEquals("ip6:2001:db8:0", DiversityGroup.of(a("[2001:db8::1]")));
    assertEquals("localhost", DiversityGroup.of(a("localhost")));
  }
}
