package dev.chronotick.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.RejectReason;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryOutputTest {
  @Test
  void tableListsEveryServerLikeChronycSources() {
    String table = QueryOutput.table(Rounds.selected());
    String expected =
        String.join(
            "\n",
            "S  Server                   Stratum    Offset ms    Delay ms  Status       Reason",
            "=================================================================================",
            "*  time1.google.com               1       +1.235      12.345  selected",
            "+  time.cloudflare.com            3       +1.100      10.000  combined",
            "x  liar.example:1123              2    +2000.000       5.000  falseticker  FALSETICKER",
            "!  0.pool.ntp.org                 -            -           -  rejected     KOD_RATE (KoD RATE)",
            "?  silent.example                 -            -           -  timeout      TIMEOUT",
            "=================================================================================",
            "Offset +1.180 ms ± 4.321 ms (server − local: the local clock is behind)",
            "2 of 5 servers used (1 falseticker, 1 rejected, 1 timed out) · round 123.400 ms · strict thresholds",
            "S: * selected, + combined, x falseticker, ! rejected, ? timeout",
            "");
    assertEquals(expected, table);
  }

  @Test
  void tableSaysWhenNoTimeWasFoundAndAfterHowManyRetries() {
    String table = QueryOutput.table(Rounds.starved());
    assertTrue(
        table.contains(
            "x  liar.example:1123              2    -2000.000       5.000  falseticker  FALSETICKER\n"),
        table);
    assertTrue(
        table.contains(
            "!  0.pool.ntp.org                 2       +3.000     900.000  rejected     DELAY_TOO_HIGH (delay 900 ms > 500 ms)\n"),
        table);
    assertTrue(
        table.contains(
            "No time selected: no server passed (1 falseticker, 1 rejected, 1 timed out) · round 35012.346 ms"
                + " · after 3 retries\n"),
        table);
    assertFalse(table.contains("\nOffset "), table);
  }

  @Test
  void tableMarksRelaxedThresholdsAndANegativeOffset() {
    RoundResult r =
        RoundResult.selected(
            -500_000_000L, 20_000_000L, true, 1, 0, 0, 2_000_000, Rounds.fiveServers());
    String table = QueryOutput.table(r);
    assertTrue(
        table.contains(
            "Offset -500.000 ms ± 20.000 ms (server − local: the local clock is ahead)\n"),
        table);
    assertTrue(table.contains(" · thresholds relaxed x2 (fallback) · after 1 retry\n"), table);
  }

  @Test
  void ntsServersWithASampleAreMarkedAuthenticatedInTableAndJson() {
    RoundResult r =
        RoundResult.selected(
            1_000_000,
            2_000_000,
            false,
            0,
            0,
            0,
            5_000_000,
            List.of(
                Rounds.report(
                    "nts://time.example",
                    ServerStatus.SELECTED,
                    Rounds.sample("nts://time.example", 1_000_000, 4_000_000, 1),
                    null,
                    ""),
                Rounds.report(
                    "nts://down.example",
                    ServerStatus.REJECTED,
                    null,
                    RejectReason.NTS_KE_FAILED,
                    "CONNECT_FAILED"),
                Rounds.report(
                    "plain.example",
                    ServerStatus.COMBINED,
                    Rounds.sample("plain.example", 1_000_000, 4_000_000, 2),
                    null,
                    "")));
    String table = QueryOutput.table(r);
    assertTrue(table.contains("selected     NTS-authenticated\n"), table);
    assertTrue(table.contains("NTS_KE_FAILED (CONNECT_FAILED)\n"), table);
    assertTrue(table.contains("combined\n"), table);
    assertEquals(1, table.split("authenticated", -1).length - 1, table);
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) MiniJson.parse(QueryOutput.json(r));
    List<?> servers = (List<?>) o.get("servers");
    assertEquals(Boolean.TRUE, ((Map<?, ?>) servers.get(0)).get("authenticated"));
    assertEquals(Boolean.FALSE, ((Map<?, ?>) servers.get(1)).get("authenticated"));
    assertEquals(Boolean.FALSE, ((Map<?, ?>) servers.get(2)).get("authenticated"));
  }

  @Test
  void longAddressesWidenTheColumnAndDetailsStayOnOneLine() {
    String longName = "a-very-long-host-name-for-a-time-server.example.org";
    RoundResult r =
        RoundResult.starved(
            0,
            1,
            List.of(
                Rounds.report(
                    longName, ServerStatus.REJECTED, null, RejectReason.MALFORMED, "bad\npacket")));
    String table = QueryOutput.table(r);
    assertTrue(table.contains("!  " + longName + " "), table);
    assertTrue(table.contains("MALFORMED (bad packet)"), table);
    assertEquals(6, table.split("\n").length, table);
  }

  @Test
  void jsonHasTheDesignFieldsAndParsesBack() {
    String json = QueryOutput.json(Rounds.selected());
    assertFalse(json.contains("\n"));
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) MiniJson.parse(json);
    assertEquals(
        List.of(
            "offsetMillis", "uncertaintyMillis", "elapsedMillis", "relaxed", "retries", "servers"),
        List.copyOf(o.keySet()));
    assertEquals(new BigDecimal("1.18"), o.get("offsetMillis"));
    assertEquals(new BigDecimal("4.321"), o.get("uncertaintyMillis"));
    assertEquals(new BigDecimal("123.4"), o.get("elapsedMillis"));
    assertEquals(Boolean.FALSE, o.get("relaxed"));
    List<?> servers = (List<?>) o.get("servers");
    assertEquals(5, servers.size());

    Map<?, ?> first = (Map<?, ?>) servers.get(0);
    assertEquals("time1.google.com", first.get("address"));
    assertEquals(new BigDecimal("1.234567"), first.get("offsetMillis"));
    assertEquals(new BigDecimal("12.345"), first.get("delayMillis"));
    assertEquals(new BigDecimal("1"), first.get("stratum"));
    assertEquals("selected", first.get("status"));
    assertEquals(Boolean.FALSE, first.get("authenticated"), "plain NTP is never authenticated");
    assertFalse(first.containsKey("reason"));

    Map<?, ?> liar = (Map<?, ?>) servers.get(2);
    assertEquals("falseticker", liar.get("status"));
    assertEquals("FALSETICKER", liar.get("reason"));
    assertEquals(new BigDecimal("2000"), liar.get("offsetMillis"));

    Map<?, ?> kod = (Map<?, ?>) servers.get(3);
    assertEquals(
        Set.of(
            "address",
            "offsetMillis",
            "delayMillis",
            "stratum",
            "status",
            "authenticated",
            "reason",
            "detail"),
        kod.keySet());
    assertNull(kod.get("offsetMillis"));
    assertNull(kod.get("stratum"));
    assertEquals("rejected", kod.get("status"));
    assertEquals("KOD_RATE", kod.get("reason"));
    assertEquals("KoD RATE", kod.get("detail"));

    Map<?, ?> silent = (Map<?, ?>) servers.get(4);
    assertEquals("timeout", silent.get("status"));
    assertEquals("TIMEOUT", silent.get("reason"));
  }

  @Test
  void jsonOfAStarvedRoundHasNullOffset() {
    @SuppressWarnings("unchecked")
    Map<String, Object> o =
        (Map<String, Object>) MiniJson.parse(QueryOutput.json(Rounds.starved()));
    assertTrue(o.containsKey("offsetMillis"));
    assertNull(o.get("offsetMillis"));
    assertNull(o.get("uncertaintyMillis"));
    assertEquals(new BigDecimal("35012.345678"), o.get("elapsedMillis"));
    assertEquals(new BigDecimal("3"), o.get("retries"));
  }

  @Test
  void jsonStatusValuesAreExactlyTheDesignSet() {
    for (ServerStatus s : ServerStatus.values()) {
      assertTrue(
          Set.of("selected", "combined", "falseticker", "rejected", "timeout").contains(s.label()),
          s.label());
    }
  }

  @Test
  void millisAreExactAndSigned() {
    assertEquals("+0.000", QueryOutput.millisText(0, true));
    assertEquals("-0.001", QueryOutput.millisText(-1_000, true));
    assertEquals("0.001", QueryOutput.millisText(500, false));
    assertEquals(new BigDecimal("-9223372036854.775808"), QueryOutput.millis(Long.MIN_VALUE));
  }
}
