package dev.chronotick.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary directories fixtures make for themselves (JUnit's own use @TempDir). */
public final class TempDirectories {
  private TempDirectories() {}

  /** Deletes {@code dir} and everything under it, as far as possible; never throws. */
  public static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temporary directory is not a test failure
    }
  }
}
