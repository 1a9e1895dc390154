package dev.chronotick.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import dev.chronotick.testkit.ClassDependencies;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's layers, in the data's order: a package may refer only to packages of a lower rank
 * (or to the bridge, which depends on nothing). No package cycle, no cycle between source files.
 */
class LayeringTest {
  /** Package to rank; a package may use only packages of strictly lower rank. */
  private static final Map<String, Integer> RANK = new LinkedHashMap<>();

  static {
    RANK.put("dev.chronotick.bridge", 0);
    RANK.put("dev.chronotick.time", 1);
    RANK.put("dev.chronotick.metrics", 1);
    RANK.put("dev.chronotick.nts", 1);
    RANK.put("dev.chronotick.ntp", 2);
    // the option table is below the stages: their settings' defaults are its defaults
    RANK.put("dev.chronotick.config", 3);
    RANK.put("dev.chronotick.sync", 4);
    RANK.put("dev.chronotick.health", 5);
    RANK.put("dev.chronotick.discipline", 5);
    RANK.put("dev.chronotick.source.clockbound", 6);
    RANK.put("dev.chronotick.source.chrony", 6);
    RANK.put("dev.chronotick.source.host", 6);
    RANK.put("dev.chronotick.source", 7);
    RANK.put("dev.chronotick.runtime", 8);
    RANK.put("dev.chronotick", 9);
  }

  private static ClassDependencies deps;

  @BeforeAll
  static void read() throws Exception {
    Path classes =
        Paths.get(CorrectedClock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    deps = ClassDependencies.of(classes);
  }

  @Test
  void everyPackageHasARank() {
    for (String pkg : deps.packageEdges().keySet()) {
      assertTrue(
          RANK.containsKey(pkg), "no layer rank for package " + pkg + ": add it to LayeringTest");
    }
  }

  @Test
  void packagesReferOnlyToLowerLayers() {
    List<String> violations = new ArrayList<>();
    deps.packageEdges()
        .forEach(
            (from, tos) -> {
              for (String to : tos) {
                Integer a = RANK.get(from);
                Integer b = RANK.get(to);
                if (a == null || b == null || b >= a) {
                  violations.add(from + " -> " + to);
                }
              }
            });
    assertEquals(List.of(), violations);
  }

  @Test
  void noCycleBetweenSourceFiles() {
    List<String> cycles = new ArrayList<>();
    Map<String, Set<String>> edges = deps.classEdges();
    Map<String, Integer> state = new LinkedHashMap<>();
    for (String start : edges.keySet()) {
      findCycle(start, edges, state, new ArrayList<>(), cycles);
    }
    assertEquals(List.of(), cycles);
  }

  /** Depth-first search; state 1 = on the current path, 2 = done. */
  private static void findCycle(
      String node,
      Map<String, Set<String>> edges,
      Map<String, Integer> state,
      List<String> path,
      List<String> out) {
    Integer s = state.get(node);
    if (s != null) {
      if (s == 1) {
        out.add(String.join(" -> ", path.subList(path.indexOf(node), path.size())) + " -> " + node);
      }
      return;
    }
    state.put(node, 1);
    path.add(node);
    for (String next : edges.getOrDefault(node, Set.of())) {
      if (edges.containsKey(next)) {
        findCycle(next, edges, state, path, out);
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
  }
}
