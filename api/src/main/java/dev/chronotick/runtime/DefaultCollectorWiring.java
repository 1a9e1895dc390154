package dev.chronotick.runtime;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.config.OptionsReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the library's own collector (no agent) gets its options: system properties {@code
 * chronotick.<key>}, environment {@code CHRONOTICK_<KEY>} and a {@code config} file, leniently (a
 * bad value is logged and replaced by the next source's value or the default; the application is
 * never stopped by a typo).
 */
public final class DefaultCollectorWiring {
  private static final Logger log = LoggerFactory.getLogger(DefaultCollectorWiring.class);

  private DefaultCollectorWiring() {}

  /** The options for the JVM-wide library collector; problems are logged once each. */
  public static ChronoTickOptions options() {
    OptionsReport report = OptionsLoader.system().loadLenient();
    for (OptionException problem : report.problems()) {
      log.warn("{} (using the default or next source instead)", problem.getMessage());
    }
    return report.options();
  }
}
