package dev.chronotick.demo;

import static dev.chronotick.demo.Fixtures.MS;
import static dev.chronotick.demo.Fixtures.T0;
import static dev.chronotick.demo.Fixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SvgChartTest {
  private static final long OFFSET = 250 * MS;

  private static Timeline timeline(boolean truthKnown) {
    Timeline t = new Timeline(0, truthKnown, OFFSET);
    t.addProbe(Fixtures.synced(1_000 * MS, T0 + OFFSET, 4 * MS), T0, 1_000 * MS);
    for (int i = 0; i < 5; i++) {
      long nano = (1_500 + 500 * i) * MS;
      t.addTick(tick(i, nano, T0 + OFFSET + i * MS, 0), T0, nano);
      t.addProbe(Fixtures.synced(nano + MS, T0 + OFFSET, 4 * MS), T0, nano + MS);
    }
    return t;
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void chartIsWellFormedWithBandLineAndSummary() throws Exception {
    Timeline t = timeline(true);
    Summary summary = Summary.of(t, null, null, Collections.emptyMap(), 0);
    Document doc = parse(SvgChart.render("demo <&> \"title\"", t, summary));
    assertEquals("svg", doc.getDocumentElement().getTagName());
    assertEquals(1, doc.getElementsByTagName("polygon").getLength()); // the bounds band
    assertEquals(1, doc.getElementsByTagName("polyline").getLength()); // Instant.now() error
    assertEquals(
        5, doc.getElementsByTagName("circle").getLength() - 1); // worst-of-6 dots + legend dot
    String all = doc.getDocumentElement().getTextContent();
    assertTrue(all.contains("demo <&> \"title\""), all);
    assertTrue(all.contains("first sync"), all);
    for (String line : summary.lines()) {
      assertTrue(all.contains(line), line);
    }
  }

  @Test
  void anOutlierOfOneApiIsMarkedAtTheEdgeInsteadOfSquashingTheScale() throws Exception {
    Timeline t = timeline(true);
    t.addTick(tick(9, 5_000 * MS, T0 + OFFSET, 40 * MS), T0, 5_000 * MS); // calendar 40 ms late
    String svg = SvgChart.render("x", t, Summary.of(t, null, null, Collections.emptyMap(), 0));
    Document doc = parse(svg);
    assertEquals(2, doc.getElementsByTagName("polygon").getLength()); // band + off-scale marker
    assertTrue(svg.contains("class=\"offscale\""), svg);
    assertTrue(doc.getDocumentElement().getTextContent().contains("+40.0 ms"));
  }

  @Test
  void realServersDrawTheCorrectionWithoutTruth() throws Exception {
    Timeline t = timeline(false);
    String svg = SvgChart.render("real", t, Summary.of(t, null, null, Collections.emptyMap(), 0));
    Document doc = parse(svg);
    assertEquals(0, doc.getElementsByTagName("circle").getLength());
    assertTrue(svg.contains("correction (ms)"));
  }

  @Test
  void writeCreatesTheDirectory(@TempDir Path dir) throws Exception {
    Timeline t = timeline(true);
    Path file = dir.resolve("sub/chart.svg");
    SvgChart.write(file, "x", t, Summary.of(t, null, null, Collections.emptyMap(), 0));
    assertTrue(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).startsWith("<svg"));
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(1.0, SvgChart.niceStep(0.7), 1e-12);
    assertEquals(2.0, SvgChart.niceStep(1.3), 1e-12);
    assertEquals(5.0, SvgChart.niceStep(4.9), 1e-12);
    assertEquals(10.0, SvgChart.niceStep(6), 1e-12);
    assertEquals(0.02, SvgChart.niceStep(0.013), 1e-12);
    assertEquals(1.0, SvgChart.niceStep(Double.NaN), 1e-12);
  }
}
