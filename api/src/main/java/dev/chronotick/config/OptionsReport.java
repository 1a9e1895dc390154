package dev.chronotick.config;

import java.util.List;

/**
 * What a lenient load produced: usable options (every bad value replaced by the next source's value
 * or the default) and every problem met on the way, in the order found.
 */
public final class OptionsReport {
  private final ChronoTickOptions options;
  private final List<OptionException> problems;

  OptionsReport(ChronoTickOptions options, List<OptionException> problems) {
    this.options = options;
    this.problems = List.copyOf(problems);
  }

  public ChronoTickOptions options() {
    return options;
  }

  /** Every problem, each with a one-line message; empty when the configuration was clean. */
  public List<OptionException> problems() {
    return problems;
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
