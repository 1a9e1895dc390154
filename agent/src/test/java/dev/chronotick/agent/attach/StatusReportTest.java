package dev.chronotick.agent.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.junit.jupiter.api.Test;

class StatusReportTest {
  @Test
  void nothingKnownPrintsDashesAndNulls() {
    StatusReport r = StatusReport.fromAttributes(Map.of());
    assertEquals(
        "{\"status\":null,\"source\":null,\"sourceReason\":null,\"offsetMillis\":null,"
            + "\"uncertaintyMillis\":null,\"servers\":[],\"counters\":{}}",
        r.toJson());
    assertEquals(
        "status       -\noffset       -\nuncertainty  -\nsource       -\nservers      -\n",
        r.toTable());
  }

  @Test
  void anAnnouncedLeapSecondIsALineAndAField() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("Status", "SYNCHRONIZED");
    attrs.put("Leap", "insert 2016-12-31T23:59:60Z (leapSmear=24h)");
    StatusReport r = StatusReport.fromAttributes(attrs);
    assertTrue(
        r.toJson().endsWith(",\"leap\":\"insert 2016-12-31T23:59:60Z (leapSmear=24h)\"}"),
        r.toJson());
    assertTrue(
        r.toTable().contains("leap second  insert 2016-12-31T23:59:60Z (leapSmear=24h)\n"),
        r.toTable());
    attrs.put("Leap", "none");
    StatusReport none = StatusReport.fromAttributes(attrs);
    assertTrue(none.toJson().endsWith(",\"leap\":\"none\"}"), none.toJson());
    assertTrue(!none.toTable().contains("leap"), none.toTable());
  }

  @Test
  void serverRowsComeFromCompositeDataByKey() throws Exception {
    String[] keys = {"address", "state", "lastError", "extra"};
    OpenType<?>[] types = {
      SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG
    };
    CompositeType type = new CompositeType("S", "s", keys, keys, types);
    CompositeData row =
        new CompositeDataSupport(type, keys, new Object[] {"a\"b", "testing", "line\nbreak", 5L});
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("Status", "HOLDOVER");
    attrs.put("OffsetMillis", 0.1234);
    attrs.put("UncertaintyMillis", Double.POSITIVE_INFINITY);
    attrs.put("Servers", new CompositeData[] {row});
    StatusReport r = StatusReport.fromAttributes(attrs);
    assertEquals(
        "{\"status\":\"HOLDOVER\",\"source\":null,\"sourceReason\":null,\"offsetMillis\":0.123,\"uncertaintyMillis\":null,\"servers\":[{"
            + "\"address\":\"a\\\"b\",\"score\":null,\"medianScore\":null,\"state\":\"testing\",\"reach\":null,"
            + "\"delayMillis\":null,\"offsetMillis\":null,\"lastError\":\"line\\nbreak\",\"authenticated\":false,\"ntsCookies\":null,\"ntsLastKeyExchange\":null,\"ntsFailures\":null}],\"counters\":{}}",
        r.toJson());
    String table = r.toTable();
    assertTrue(table.contains("offset       0.123 ms\n"), table);
    assertTrue(table.contains("uncertainty  - ms\n") || table.contains("uncertainty  -"), table);
    assertEquals(
        List.of(
            "address",
            "score",
            "medianScore",
            "state",
            "reach",
            "delayMillis",
            "offsetMillis",
            "lastError",
            "authenticated",
            "ntsCookies",
            "ntsLastKeyExchange",
            "ntsFailures"),
        List.copyOf(r.servers().get(0).keySet()));
  }

  @Test
  void countersComeFromTheMxBeansMapByRegistryName() throws Exception {
    String[] keys = {"key", "value"};
    CompositeType rowType =
        new CompositeType(
            "E", "e", keys, keys, new OpenType<?>[] {SimpleType.STRING, SimpleType.LONG});
    TabularDataSupport table =
        new TabularDataSupport(new TabularType("T", "t", rowType, new String[] {"key"}));
    table.put(new CompositeDataSupport(rowType, keys, new Object[] {"sync.rejectedSamples", 7L}));
    table.put(new CompositeDataSupport(rowType, keys, new Object[] {"discipline.rounds", 3L}));
    table.put(new CompositeDataSupport(rowType, keys, new Object[] {"ntp.requestsSent", 12L}));
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("Counters", table);
    StatusReport r = StatusReport.fromAttributes(attrs);
    assertEquals(
        Map.of("sync.rejectedSamples", 7L, "discipline.rounds", 3L, "ntp.requestsSent", 12L),
        r.counters());
    assertTrue(
        r.toJson()
            .endsWith(
                ",\"counters\":{\"discipline.rounds\":3,\"ntp.requestsSent\":12,"
                    + "\"sync.rejectedSamples\":7}}"),
        r.toJson());
    assertTrue(
        r.toTable().contains("counters     discipline.rounds=3 sync.rejectedSamples=7\n"),
        r.toTable());
  }

  @Test
  void theMxBeansNoValueMarkersPrintAsMissing() throws Exception {
    String[] keys = {
      "address", "score", "medianScore", "state", "reach", "delayMillis", "offsetMillis"
    };
    OpenType<?>[] types = {
      SimpleType.STRING,
      SimpleType.DOUBLE,
      SimpleType.DOUBLE,
      SimpleType.STRING,
      SimpleType.INTEGER,
      SimpleType.DOUBLE,
      SimpleType.DOUBLE
    };
    CompositeType type = new CompositeType("S", "s", keys, keys, types);
    CompositeData row =
        new CompositeDataSupport(
            type, keys, new Object[] {"127.0.0.1:123", 0.0, 0.0, "", -1, -1.0, 0.0});
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("Status", "UNSYNCHRONIZED");
    attrs.put("OffsetMillis", 0.0);
    attrs.put("UncertaintyMillis", -1.0);
    attrs.put("Servers", new CompositeData[] {row});
    StatusReport r = StatusReport.fromAttributes(attrs);
    assertEquals(
        "{\"status\":\"UNSYNCHRONIZED\",\"source\":null,\"sourceReason\":null,\"offsetMillis\":0,\"uncertaintyMillis\":null,"
            + "\"servers\":[{\"address\":\"127.0.0.1:123\",\"score\":null,\"medianScore\":null,"
            + "\"state\":\"\",\"reach\":-1,\"delayMillis\":null,\"offsetMillis\":null,"
            + "\"lastError\":null,\"authenticated\":false,\"ntsCookies\":null,\"ntsLastKeyExchange\":null,\"ntsFailures\":null}],\"counters\":{}}",
        r.toJson());
  }

  @Test
  void theSourceAndWhyComeFromTheirOwnAttributes() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("Status", "SYNCHRONIZED");
    attrs.put("Source", "clockbound: segment /var/run/clockbound/shm0 fresh");
    attrs.put("SourceKind", "clockbound");
    attrs.put("SourceReason", "segment /var/run/clockbound/shm0 fresh");
    StatusReport r = StatusReport.fromAttributes(attrs);
    assertEquals("clockbound", r.source());
    assertTrue(
        r.toJson()
            .startsWith(
                "{\"status\":\"SYNCHRONIZED\",\"source\":\"clockbound\","
                    + "\"sourceReason\":\"segment /var/run/clockbound/shm0 fresh\","),
        r.toJson());
    assertTrue(
        r.toTable()
            .contains(
                "uncertainty  -\n"
                    + "source       clockbound (segment /var/run/clockbound/shm0 fresh)\n"),
        r.toTable());
  }

  @Test
  void anAgentWithOnlyTheSourceLineGivesItsFirstWord() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("Source", "chrony since start; clockbound: no segment file");
    StatusReport r = StatusReport.fromAttributes(attrs);
    assertEquals("chrony", r.source());
    assertEquals("since start; clockbound: no segment file", r.sourceReason());
    attrs.put("Source", "ntp: no host source found (clockbound: no segment file)");
    r = StatusReport.fromAttributes(attrs);
    assertEquals("ntp", r.source());
    assertEquals("no host source found (clockbound: no segment file)", r.sourceReason());
  }

  @Test
  void ntsServersShowAuthenticationCookiesLastKeyExchangeAndFailures() throws Exception {
    String[] keys = {
      "address",
      "state",
      "delayMillis",
      "offsetMillis",
      "authenticated",
      "ntsCookies",
      "ntsLastKeyExchange",
      "ntsFailures"
    };
    OpenType<?>[] types = {
      SimpleType.STRING,
      SimpleType.STRING,
      SimpleType.DOUBLE,
      SimpleType.DOUBLE,
      SimpleType.BOOLEAN,
      SimpleType.INTEGER,
      SimpleType.STRING,
      SimpleType.STRING
    };
    CompositeType type = new CompositeType("S", "s", keys, keys, types);
    CompositeData nts =
        new CompositeDataSupport(
            type,
            keys,
            new Object[] {
              "nts://time.example:4460",
              "active",
              3.0,
              1.5,
              true,
              7,
              "12 s ago: ok",
              "CONNECT_FAILED=2,TIMEOUT=1"
            });
    CompositeData plain =
        new CompositeDataSupport(
            type, keys, new Object[] {"127.0.0.1:123", "active", 1.0, 0.5, false, -1, "", ""});
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("Status", "SYNCHRONIZED");
    attrs.put("Servers", new CompositeData[] {nts, plain});
    StatusReport r = StatusReport.fromAttributes(attrs);
    String json = r.toJson();
    assertTrue(
        json.contains(
            "\"address\":\"nts://time.example:4460\",\"score\":null,\"medianScore\":null,"
                + "\"state\":\"active\",\"reach\":null,\"delayMillis\":3,\"offsetMillis\":1.5,"
                + "\"lastError\":null,\"authenticated\":true,\"ntsCookies\":7,"
                + "\"ntsLastKeyExchange\":\"12 s ago: ok\","
                + "\"ntsFailures\":{\"CONNECT_FAILED\":2,\"TIMEOUT\":1}}"),
        json);
    assertTrue(
        json.contains(
            "\"authenticated\":false,\"ntsCookies\":null,\"ntsLastKeyExchange\":null,"
                + "\"ntsFailures\":null}"),
        json);
    String table = r.toTable();
    assertTrue(
        table.contains(
            "NTS SERVER               AUTH  COOKIES  LAST KEY EXCHANGE  KE FAILURES\n"
                + "nts://time.example:4460  yes   7        12 s ago: ok       "
                + "CONNECT_FAILED=2 TIMEOUT=1\n"),
        table);
  }

  @Test
  void noNtsBlockWithoutNtsServers() throws Exception {
    String[] keys = {"address", "ntsCookies"};
    CompositeType type =
        new CompositeType(
            "S", "s", keys, keys, new OpenType<?>[] {SimpleType.STRING, SimpleType.INTEGER});
    CompositeData plain = new CompositeDataSupport(type, keys, new Object[] {"10.0.0.1:123", -1});
    StatusReport r = StatusReport.fromAttributes(Map.of("Servers", new CompositeData[] {plain}));
    assertTrue(!r.toTable().contains("NTS SERVER"), r.toTable());
  }

  @Test
  void numbersAreShortInTheTable() {
    assertEquals("18", StatusReport.text(18.0));
    assertEquals("-0.5", StatusReport.text(-0.5));
    assertEquals("1.235", StatusReport.text(1.23456));
    assertEquals("255", StatusReport.text(255));
    assertEquals("-", StatusReport.text(Double.NaN));
    assertEquals("-", StatusReport.text(""));
  }
}
