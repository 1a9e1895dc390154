package dev.chronotick.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a run as a self-contained SVG: the error of the app's time against the servers' truth over
 * time, the TrueTime bounds as a band around it, the moment of the first sync, and the summary
 * underneath. With real servers (truth unknown) it draws the correction (corrected − raw) and the
 * bounds around it instead. Hand-written SVG, no dependency.
 */
final class SvgChart {
  private static final int WIDTH = 980;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 70;
  private static final int PLOT_HEIGHT = 340;
  private static final int LINE_HEIGHT = 17;

  private SvgChart() {}

  static void write(Path file, String title, Timeline timeline, Summary summary)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, render(title, timeline, summary).getBytes(StandardCharsets.UTF_8));
  }

  static String render(String title, Timeline timeline, Summary summary) {
    boolean truth = timeline.truthKnown();
    List<double[]> line = new ArrayList<>(); // x s, y ms (Instant.now)
    List<double[]> worst = new ArrayList<>(); // x s, y ms (worst of six)
    List<double[]> band = new ArrayList<>(); // x s, lo ms, hi ms
    double xMax = 1;
    double yMin = Double.MAX_VALUE;
    double yMax = -Double.MAX_VALUE;
    for (Row row : timeline.rows()) {
      double x = row.elapsedNanos() / 1e9;
      xMax = Math.max(xMax, x);
      if (!row.synchronised() || !row.measurable()) {
        continue; // held-up reads have no precise moment: left out, as in the summary
      }
      double y = (truth ? row.errorNanos() : row.correctionNanos()) / 1e6;
      line.add(new double[] {x, y});
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
      if (truth) {
        worst.add(new double[] {x, row.worstErrorNanos() / 1e6});
      }
    }
    for (Timeline.ProbePoint point : timeline.probes()) {
      Probe p = point.probe();
      double x = point.elapsedNanos() / 1e9;
      xMax = Math.max(xMax, x);
      if (!p.synchronised() || !p.bounded()) {
        continue;
      }
      long reference = truth ? point.rawNanos() + timeline.trueOffsetNanos() : point.rawNanos();
      double lo = (p.earliestNanos() - reference) / 1e6;
      double hi = (p.latestNanos() - reference) / 1e6;
      band.add(new double[] {x, lo, hi});
    }
    // The scale covers the error line and most of the band: a brief widening of the bounds (one
    // noisy round) runs off the edge instead of squashing everything else.
    if (!band.isEmpty()) {
      List<Double> los = new ArrayList<>();
      List<Double> his = new ArrayList<>();
      for (double[] b : band) {
        los.add(b[1]);
        his.add(b[2]);
      }
      java.util.Collections.sort(los);
      java.util.Collections.sort(his);
      int k = (int) Math.floor(0.1 * (band.size() - 1));
      yMin = Math.min(yMin, los.get(k));
      yMax = Math.max(yMax, his.get(his.size() - 1 - k));
    }
    if (yMin > yMax) {
      yMin = -1;
      yMax = 1;
    }
    if (truth) {
      double m = Math.max(1, Math.max(Math.abs(yMin), Math.abs(yMax)));
      yMin = -m;
      yMax = m;
    }
    double pad = Math.max(0.5, (yMax - yMin) * 0.1);
    yMin -= pad;
    yMax += pad;
    double yStep = niceStep((yMax - yMin) / 6);
    yMin = Math.floor(yMin / yStep) * yStep;
    yMax = Math.ceil(yMax / yStep) * yStep;
    double xStep = niceStep(xMax / 10);
    xMax = Math.ceil(xMax / xStep) * xStep;

    List<String> summaryLines = summary.lines();
    int plotWidth = WIDTH - LEFT - RIGHT;
    int height = TOP + PLOT_HEIGHT + 90 + LINE_HEIGHT * (summaryLines.size() + 1) + 20;
    Scale sx = new Scale(0, xMax, LEFT, LEFT + plotWidth);
    Scale sy = new Scale(yMin, yMax, TOP + PLOT_HEIGHT, TOP);

    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">%n",
            WIDTH,
            height,
            WIDTH,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
    svg.append(text(LEFT, 28, 18, "bold", "start", "#222", escape(title)));
    svg.append(
        text(
            LEFT,
            50,
            13,
            "normal",
            "start",
            "#555",
            escape(
                truth
                    ? "error of the unmodified app's time against the NTP servers' truth (ms); band = CorrectedClock.systemUTC().now() bounds"
                    : "correction applied (corrected − raw, ms); band = CorrectedClock.systemUTC().now() bounds; truth unknown with real servers")));

    // grid and axes
    for (double y = yMin; y <= yMax + yStep / 2; y += yStep) {
      double py = sy.map(y);
      svg.append(
          line(
              LEFT,
              py,
              LEFT + plotWidth,
              py,
              Math.abs(y) < yStep / 1e6 && truth ? "#444" : "#e4e4e4",
              Math.abs(y) < yStep / 1e6 && truth ? 1.2 : 1,
              null));
      svg.append(text(LEFT - 8, py + 4, 12, "normal", "end", "#444", fmt(y, yStep)));
    }
    for (double x = 0; x <= xMax + xStep / 2; x += xStep) {
      double px = sx.map(x);
      svg.append(line(px, TOP, px, TOP + PLOT_HEIGHT, "#f0f0f0", 1, null));
      svg.append(
          text(px, TOP + PLOT_HEIGHT + 18, 12, "normal", "middle", "#444", fmt(x, xStep) + " s"));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
            LEFT,
            TOP,
            plotWidth,
            PLOT_HEIGHT));
    svg.append(
        text(
            LEFT + plotWidth / 2.0,
            TOP + PLOT_HEIGHT + 38,
            12,
            "normal",
            "middle",
            "#444",
            "seconds since the app's JVM was launched"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"20\" y=\"%.1f\" font-size=\"12\" fill=\"#444\" text-anchor=\"middle\" transform=\"rotate(-90 20 %.1f)\">%s</text>%n",
            TOP + PLOT_HEIGHT / 2.0,
            TOP + PLOT_HEIGHT / 2.0,
            truth ? "error (ms)" : "correction (ms)"));

    svg.append(String.format(Locale.ROOT, "<g clip-path=\"url(#plot)\">%n"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<clipPath id=\"plot\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath>%n",
            LEFT,
            TOP,
            plotWidth,
            PLOT_HEIGHT));
    if (!band.isEmpty()) {
      StringBuilder pts = new StringBuilder();
      for (double[] b : band) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(b[0]), sy.map(b[2])));
      }
      for (int i = band.size() - 1; i >= 0; i--) {
        double[] b = band.get(i);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(b[0]), sy.map(b[1])));
      }
      svg.append("<polygon points=\"")
          .append(pts.toString().trim())
          .append(
              "\" fill=\"#9ecae1\" fill-opacity=\"0.45\" stroke=\"#6baed6\" stroke-width=\"1\"/>\n");
    }
    if (!line.isEmpty()) {
      StringBuilder pts = new StringBuilder();
      for (double[] p : line) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(p[0]), sy.map(p[1])));
      }
      svg.append("<polyline points=\"")
          .append(pts.toString().trim())
          .append("\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.8\"/>\n");
    }
    for (double[] p : worst) {
      if (p[1] >= yMin && p[1] <= yMax) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"#ff7f0e\"/>%n",
                sx.map(p[0]),
                sy.map(p[1])));
      } else {
        // off the scale (the scale follows Instant.now() and the bounds): a triangle at the edge,
        // labelled
        boolean above = p[1] > yMax;
        double px = sx.map(p[0]);
        double py = above ? TOP + 2 : TOP + PLOT_HEIGHT - 2;
        double tip = above ? py - 0 : py;
        double base = above ? py + 8 : py - 8;
        svg.append(
            String.format(
                Locale.ROOT,
                "<polygon class=\"offscale\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#ff7f0e\"/>%n",
                px,
                tip,
                px - 5,
                base,
                px + 5,
                base));
        svg.append(
            text(
                px + 7,
                above ? py + 9 : py - 2,
                11,
                "normal",
                "start",
                "#ff7f0e",
                escape(Summary.signedMs((long) (p[1] * 1e6), 1))));
      }
    }
    svg.append("</g>\n");
    if (summary.timeToFirstSyncNanos().isPresent()) {
      double px = sx.map(summary.timeToFirstSyncNanos().getAsLong() / 1e9);
      svg.append(line(px, TOP, px, TOP + PLOT_HEIGHT, "#2ca02c", 1.5, "5,4"));
      svg.append(text(px + 4, TOP + 14, 12, "normal", "start", "#2ca02c", "first sync"));
    }
    if (summary.appStartNanos().isPresent()) {
      double px = sx.map(summary.appStartNanos().getAsLong() / 1e9);
      svg.append(line(px, TOP, px, TOP + PLOT_HEIGHT, "#7f7f7f", 1.2, "2,3"));
      svg.append(
          text(px + 4, TOP + PLOT_HEIGHT - 8, 12, "normal", "start", "#555", "app's main starts"));
    }

    // legend: one row under the x axis, so it never covers the data
    double lx = LEFT;
    int ly = TOP + PLOT_HEIGHT + 62;
    svg.append(line(lx, ly - 4, lx + 22, ly - 4, "#d62728", 1.8, null));
    lx = legendText(svg, lx, ly, truth ? "Instant.now() − truth" : "Instant.now() − raw clock");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%d\" width=\"22\" height=\"10\" fill=\"#9ecae1\" stroke=\"#6baed6\"/>%n",
            lx,
            ly - 9));
    lx = legendText(svg, lx, ly, "CorrectedClock.systemUTC().now() [earliest, latest]");
    if (truth) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\" fill=\"#ff7f0e\"/>%n",
              lx + 11,
              ly - 4));
      lx = legendText(svg, lx, ly, "worst of the 6 APIs");
      svg.append(
          text(
              lx,
              ly,
              12,
              "normal",
              "start",
              "#222",
              "raw clock: "
                  + escape(Summary.signedMs(-timeline.trueOffsetNanos(), 0))
                  + " (off scale)"));
    }

    int ty = TOP + PLOT_HEIGHT + 96;
    svg.append(text(LEFT, ty, 14, "bold", "start", "#222", "Summary"));
    for (String s : summaryLines) {
      ty += LINE_HEIGHT;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"12.5\" fill=\"#222\" xml:space=\"preserve\">%s</text>%n",
              LEFT,
              ty,
              escape(s)));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** A legend label after its 22 px symbol; returns where the next item starts. */
  private static double legendText(StringBuilder svg, double x, int y, String label) {
    svg.append(text(x + 28, y, 12, "normal", "start", "#222", escape(label)));
    return x + 28 + label.length() * 6.3 + 16;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0) || Double.isInfinite(raw)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static String fmt(double v, double step) {
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
    double shown = Math.abs(v) < step / 1e6 ? 0 : v;
    return String.format(Locale.ROOT, "%." + decimals + "f", shown);
  }

  private static String line(
      double x1, double y1, double x2, double y2, String color, double width, String dash) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
        x1,
        y1,
        x2,
        y2,
        color,
        width,
        dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String text(
      double x, double y, double size, String weight, String anchor, String color, String body) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" font-weight=\"%s\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
        x,
        y,
        size,
        weight,
        anchor,
        color,
        body);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static final class Scale {
    private final double d0;
    private final double d1;
    private final double r0;
    private final double r1;

    Scale(double d0, double d1, double r0, double r1) {
      this.d0 = d0;
      this.d1 = d1 == d0 ? d0 + 1 : d1;
      this.r0 = r0;
      this.r1 = r1;
    }

    double map(double v) {
      return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }
  }
}
