package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionKey;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.PollIntervalPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every value the options accept must also be accepted by what the collector builds from them: a
 * value at either end of a key's range that loads must give discipline settings and a round source,
 * never an {@link IllegalArgumentException} at agent start (maxDrift once allowed 100,000 ppm while
 * the engine refused 10,000).
 */
class OptionRangesBuildTest {
  private static final PollIntervalPolicy POLICY =
      (last, status) -> java.time.Duration.ofSeconds(64);

  @Test
  void everyLoadableValueAtTheEndsOfEachRangeBuildsTheCollectorsParts() {
    List<String> tried = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (OptionKey<?> key : OptionKeys.all()) {
      String constraint = key.type().constraint();
      int dots = constraint.indexOf("..");
      if (dots < 0) {
        continue;
      }
      for (String end :
          new String[] {
            constraint.substring(0, dots).trim(), constraint.substring(dots + 2).trim()
          }) {
        String argument = "servers=127.0.0.1:9," + key.name() + "=" + end;
        ChronoTickOptions options;
        try {
          options = OptionsLoader.empty().agentArgument(argument).load();
        } catch (OptionException e) {
          continue; // refused with a clear message (e.g. a rule between two keys): nothing gets
          // built
        }
        tried.add(key.name() + "=" + end);
        try {
          DisciplineSettings settings = StageSettings.from(options).discipline(POLICY);
          NtpRoundSource.fromOptions(options);
          assertTrue(settings.maxDrift() >= 0);
        } catch (RuntimeException e) {
          failures.add(argument + ": " + e);
        }
      }
    }
    assertTrue(tried.size() > 10, "range ends tried: " + tried);
    assertTrue(failures.isEmpty(), "loaded but did not build: " + failures);
  }
}
