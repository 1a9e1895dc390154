/**
 * The command-line tool, {@code java -jar chronotick-agent.jar
 * query|attach|status|list|help|--version}. {@code attach}, {@code status} and {@code list} live in
 * {@code dev.chronotick.agent.attach}.
 *
 * <p>{@code query} is split into parsing (arguments to an immutable {@link
 * dev.chronotick.agent.cli.QueryRequest}), running (through a seam such as {@link
 * dev.chronotick.agent.cli.QueryRunner}, so tests pass fabricated rounds and no socket is opened),
 * and rendering ({@link dev.chronotick.agent.cli.QueryOutput}: a {@code chronyc sources}-style
 * table or one JSON object written by the dependency-free {@link
 * dev.chronotick.agent.cli.JsonWriter}). Flags are simply the highest layer of the option
 * precedence ({@code dev.chronotick.config}), so {@code query --timeout 2s} and {@code
 * -Dchronotick.timeout=2s} are parsed, checked and reported by the same code.
 *
 * <p>Streams and exit codes follow the Unix convention: results on stdout, usage and diagnostics on
 * stderr; 0 success, 1 no time (or the round failed), 2 bad usage. {@code query --json} therefore
 * prints exactly one JSON object on stdout once its arguments are valid, even when the round itself
 * fails (then with an {@code error} member).
 *
 * <p>Prior art: {@code chronyc sources} (state symbols, columns) and {@code chronyc -j}-style
 * machine output; {@code ntpdate -q} for a one-shot query.
 */
package dev.chronotick.agent.cli;
