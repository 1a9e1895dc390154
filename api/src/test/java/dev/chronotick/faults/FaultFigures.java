package dev.chronotick.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The figures a fault-matrix row measured (recovery time, counters), printed as one {@code
 * [FAULT_FIGURES]} line and appended to {@code target/fault-figures.txt}, from which {@code
 * docs/TESTING.md}'s table is filled in. Never fails a test.
 */
final class FaultFigures {
  private FaultFigures() {}

  static synchronized void record(String row, String figures) {
    String line = "[FAULT_FIGURES] " + row + " | " + figures;
    System.out.println(line);
    try {
      Path out = Paths.get("target", "fault-figures.txt");
      Files.createDirectories(out.getParent());
      Files.write(
          out,
          (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException e) {
      System.out.println("(could not write target/fault-figures.txt: " + e + ")");
    }
  }
}
