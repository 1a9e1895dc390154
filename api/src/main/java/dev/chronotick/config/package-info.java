/**
 * Options: the one table of keys ({@link dev.chronotick.config.OptionKeys}), their parsing and
 * their precedence.
 *
 * <p>Every key is a row of {@code OptionKeys}: name, type with its bounds, default and a one-line
 * description; {@code docs/OPTIONS.md}, {@code help options} and every error message are generated
 * from those rows. {@link dev.chronotick.config.OptionsLoader} resolves a key by walking the
 * sources in {@link dev.chronotick.config.OptionSource} order — command line (CLI only), agent
 * argument, system property {@code chronotick.<key>}, environment variable {@code
 * CHRONOTICK_<KEY>}, the properties file named by {@code config}, default — and takes the first
 * value that parses. The sources are injected values (a {@code Properties}, a {@code Map}, a file
 * reader), so tests never touch the real environment.
 *
 * <p>Bad input is never silently used. Strict loading ({@code load()}) throws an unchecked {@link
 * dev.chronotick.config.OptionException} whose message is one line naming the key, the value and
 * the source. Lenient loading ({@code loadLenient()}, what the agent uses) skips the bad value —
 * the key falls through to the next source and finally to its default — and returns every problem
 * for logging, because an agent must never stop the application it runs in.
 *
 * <p>Prior art: chrony's {@code conf.c} (one parser per directive type, bounds checked where
 * parsed, the offending line quoted), the OpenTelemetry Java agent's configuration (the same key as
 * {@code -Dotel.x}, {@code OTEL_X} and a properties file, in that precedence), and Git's "did you
 * mean" for mistyped commands.
 */
package dev.chronotick.config;
