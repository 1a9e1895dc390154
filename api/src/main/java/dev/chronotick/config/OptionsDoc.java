package dev.chronotick.config;

/**
 * Renders the option table for people: the Markdown table in {@code docs/OPTIONS.md} (a test keeps
 * the two equal) and the plain-text list of {@code java -jar chronotick-agent.jar help options}.
 */
public final class OptionsDoc {
  /** Marks the start of the generated table in {@code docs/OPTIONS.md}. */
  public static final String BEGIN_MARKER =
      "<!-- options-table:begin (generated from OptionKeys; do not edit) -->";

  /** Marks its end. */
  public static final String END_MARKER = "<!-- options-table:end -->";

  private OptionsDoc() {}

  /** The Markdown table: key, type, default, range, environment variable, meaning. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| key | type | default | range | environment variable | meaning |\n");
    sb.append("| --- | --- | --- | --- | --- | --- |\n");
    for (OptionKey<?> k : OptionKeys.all()) {
      if (k.isHidden()) {
        continue;
      }
      sb.append("| `")
          .append(k.name())
          .append("` | ")
          .append(k.type().name())
          .append(" | ")
          .append(defaultCell(k))
          .append(" | ")
          .append(escape(k.type().constraint()))
          .append(" | ")
          .append('`')
          .append(k.environmentVariable())
          .append("` | ")
          .append(escape(k.description()))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String defaultCell(OptionKey<?> k) {
    if (k.defaultText() == null) {
      return "(unset)";
    }
    if (k.defaultText().isEmpty()) {
      return "(empty)";
    }
    if (k == OptionKeys.SERVERS) {
      return "10 public servers (below)";
    }
    return "`" + k.defaultText() + "`";
  }

  private static String escape(String s) {
    return s.replace("|", "\\|");
  }

  /** Plain text, one block per key, for the CLI. */
  public static String plainText() {
    StringBuilder sb = new StringBuilder();
    for (OptionKey<?> k : OptionKeys.all()) {
      if (k.isHidden()) {
        continue;
      }
      sb.append("  ").append(k.name()).append(" (").append(k.type().name());
      if (!k.type().constraint().isEmpty()) {
        sb.append(' ').append(k.type().constraint());
      }
      sb.append(", default ")
          .append(
              k.defaultText() == null
                  ? "unset"
                  : k.defaultText().isEmpty() ? "empty" : k.defaultText())
          .append(")\n      ")
          .append(k.description())
          .append('\n');
    }
    return sb.toString();
  }
}
