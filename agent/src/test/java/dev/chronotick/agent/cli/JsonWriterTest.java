package dev.chronotick.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesNestedContainersWithCommas() {
    String json =
        new JsonWriter()
            .beginObject()
            .name("a")
            .value(1)
            .name("b")
            .beginArray()
            .value("x")
            .value(true)
            .nullValue()
            .beginObject()
            .endObject()
            .endArray()
            .name("c")
            .value(new BigDecimal("1.500000"))
            .endObject()
            .toString();
    assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":1.5}", json);
  }

  @Test
  void escapesEveryCharacterJsonForbidsRaw() {
    String nasty = "q\"b\\s/\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029é😀\ud800x";
    String json = new JsonWriter().value(nasty).toString();
    assertEquals(
        "\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\\u2028\\u2029é😀\\ud800x\"", json);
    assertEquals(nasty, MiniJson.parse(json));
  }

  @Test
  void nonFiniteDoublesBecomeNullAndFiniteOnesParseBack() {
    String json =
        new JsonWriter()
            .beginArray()
            .value(Double.NaN)
            .value(Double.POSITIVE_INFINITY)
            .value(Double.NEGATIVE_INFINITY)
            .value(0.1)
            .value(-2.0)
            .value(1e300)
            .value(4.9e-324)
            .endArray()
            .toString();
    List<?> parsed = (List<?>) MiniJson.parse(json);
    assertEquals(Arrays.asList(null, null, null), parsed.subList(0, 3));
    assertEquals(0.1, ((BigDecimal) parsed.get(3)).doubleValue());
    assertEquals(-2.0, ((BigDecimal) parsed.get(4)).doubleValue());
    assertEquals(1e300, ((BigDecimal) parsed.get(5)).doubleValue());
    assertEquals(4.9e-324, ((BigDecimal) parsed.get(6)).doubleValue());
  }

  @Test
  void bigDecimalsAreWrittenWithoutExponent() {
    assertEquals("12300000000", new JsonWriter().value(new BigDecimal("1.23E+10")).toString());
    assertEquals("0.000001", new JsonWriter().value(BigDecimal.valueOf(1, 6)).toString());
  }

  @Test
  void namesAreEscapedToo() {
    String json =
        new JsonWriter().beginObject().name("a\"b").value(Long.MIN_VALUE).endObject().toString();
    assertEquals(Map.of("a\"b", new BigDecimal(Long.MIN_VALUE)), MiniJson.parse(json));
  }

  @Test
  void misuseIsAProgrammingError() {
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().name("x"));
  }
}
