package dev.chronotick.config;

/**
 * Where an option's value came from, highest precedence first. The declaration order is the
 * precedence order: a value from an earlier constant hides the same key in every later one.
 */
public enum OptionSource {
  /** A flag of the command-line tool ({@code query --timeout 2s}); only the CLI uses this layer. */
  COMMAND_LINE("command line"),
  /** {@code -javaagent:chronotick-agent.jar=key=value,key=value} or the {@code attach} options. */
  AGENT_ARGUMENT("agent argument"),
  /** {@code -Dchronotick.<key>=value}. */
  SYSTEM_PROPERTY("system property"),
  /** {@code CHRONOTICK_<KEY>=value}, the key in upper snake case. */
  ENVIRONMENT("environment variable"),
  /** A properties file named by the {@code config} option. */
  CONFIG_FILE("config file"),
  /** The built-in default of the option table. */
  DEFAULT("default");

  private final String label;

  OptionSource(String label) {
    this.label = label;
  }

  /** Human-readable name, e.g. {@code "system property"}. */
  public String label() {
    return label;
  }
}
