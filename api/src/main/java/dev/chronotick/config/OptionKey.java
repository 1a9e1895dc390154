package dev.chronotick.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One row of the option table: the key, its type (with bounds), its default and a one-line
 * description. Docs ({@code docs/OPTIONS.md}, {@code help}) and error messages are generated from
 * these rows, so they cannot drift apart.
 *
 * @param <T> the Java type of the value
 */
public final class OptionKey<T> {
  private final String name;
  private final OptionType<T> type;
  private final String defaultText;
  private final T defaultValue;
  private final String description;
  private final boolean hidden;

  /**
   * @param defaultText the default as an option value, or null when the option is unset by default
   */
  OptionKey(String name, OptionType<T> type, String defaultText, String description) {
    this(name, type, defaultText, description, false);
  }

  private OptionKey(
      String name, OptionType<T> type, String defaultText, String description, boolean hidden) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.defaultText = defaultText;
    this.defaultValue = defaultText == null ? null : type.parse(defaultText);
    this.description = Objects.requireNonNull(description, "description");
    this.hidden = hidden;
  }

  /**
   * A key read like every other but left out of the docs and suggestions: for ChronoTick's own
   * tests.
   */
  static <T> OptionKey<T> hidden(String name, OptionType<T> type, String description) {
    return new OptionKey<>(name, type, null, description, true);
  }

  /** True for a key that exists for ChronoTick's own tests and is not documented. */
  public boolean isHidden() {
    return hidden;
  }

  /** The key as written in agent arguments, files and after {@code chronotick.}: camelCase. */
  public String name() {
    return name;
  }

  public OptionType<T> type() {
    return type;
  }

  /** The default value, or null when the option is unset by default. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as option text, or null when unset by default. */
  public String defaultText() {
    return defaultText;
  }

  /** One line: what the option does. */
  public String description() {
    return description;
  }

  /** {@code chronotick.<key>}. */
  public String systemProperty() {
    return "chronotick." + name;
  }

  /**
   * {@code CHRONOTICK_<KEY>} in upper snake case: {@code maxDelay} → {@code CHRONOTICK_MAX_DELAY}.
   */
  public String environmentVariable() {
    return "CHRONOTICK_" + upperSnake(name);
  }

  static String upperSnake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        sb.append('_');
      }
      sb.append(Character.toUpperCase(c));
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name;
  }
}
