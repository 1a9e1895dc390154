package dev.chronotick.agent.cli;

import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionSource;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.config.OptionsReport;
import dev.chronotick.sync.RoundResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code query [--servers LIST] [--samples N] [--timeout D] [--sequential] [--json] [--option
 * KEY=VALUE]...}: one poll round, printed as a table or one JSON object; exit 0 when a time was
 * selected, 1 when none, 2 for bad arguments.
 *
 * <p>Flags are the highest option layer; system properties, {@code CHRONOTICK_*} variables and a
 * config file still apply beneath them. A bad flag value is an error (exit 2); a bad value from the
 * environment is a warning on stderr and the next source's value is used, as in the agent.
 */
public final class QueryCommand {
  public static final String USAGE =
      "query [--servers LIST] [--samples N] [--timeout D] [--sequential] [--json] [--option KEY=VALUE]...";

  private QueryCommand() {}

  /**
   * Parses the arguments after {@code query}.
   *
   * @param base the lower option layers (system properties, environment, file reader)
   * @param warnings receives one line per problem found in the lower layers
   * @throws CliUsageException for an unknown flag, a missing value, or a bad flag value
   */
  public static QueryRequest parse(List<String> args, OptionsLoader base, PrintStream warnings) {
    Map<String, String> flags = new LinkedHashMap<>();
    Map<String, String> flagNames = new LinkedHashMap<>();
    boolean json = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (name) {
        case "--json":
          noInlineValue(name, inline);
          json = true;
          break;
        case "--sequential":
          noInlineValue(name, inline);
          put(flags, OptionKeys.PARALLEL.name(), "false");
          flagNames.put(OptionKeys.PARALLEL.name(), name);
          break;
        case "--servers":
        case "--samples":
        case "--timeout":
          {
            String value = inline != null ? inline : valueAfter(args, i++, name);
            put(flags, name.substring(2), value);
            break;
          }
        case "--option":
        case "-o":
          {
            String kv = inline != null ? inline : valueAfter(args, i++, name);
            int e = kv.indexOf('=');
            if (e <= 0) {
              throw new CliUsageException(name + " expects KEY=VALUE, got '" + kv + "'");
            }
            String key = kv.substring(0, e).trim();
            put(flags, key, kv.substring(e + 1));
            flagNames.put(key, name + " " + key);
            break;
          }
        default:
          throw new CliUsageException(
              arg.startsWith("-")
                  ? "unknown query option '" + arg + "'"
                  : "unexpected argument '" + arg + "' (servers go in --servers a,b,c)");
      }
    }
    OptionsReport report = base.commandLine(flags, flagNames).loadLenient();
    for (OptionException p : report.problems()) {
      if (p.source() == OptionSource.COMMAND_LINE) {
        throw new CliUsageException(p.getMessage());
      }
    }
    for (OptionException p : report.problems()) {
      warnings.println(p.getMessage() + " (ignored)");
    }
    return new QueryRequest(report.options(), json);
  }

  private static void put(Map<String, String> flags, String key, String value) {
    if (flags.containsKey(key)) {
      throw new CliUsageException("'" + key + "' given twice");
    }
    flags.put(key, value);
  }

  private static void noInlineValue(String name, String inline) {
    if (inline != null) {
      throw new CliUsageException(name + " takes no value");
    }
  }

  private static String valueAfter(List<String> args, int i, String name) {
    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
      throw new CliUsageException(name + " needs a value");
    }
    return args.get(i + 1);
  }

  /**
   * Runs the round and prints it. Returns the exit code: 0 time selected, 1 none (or the round
   * failed unexpectedly, reported on one line on {@code err}).
   */
  public static int execute(
      QueryRequest request, QueryRunner runner, PrintStream out, PrintStream err) {
    RoundResult result;
    try {
      result = runner.run(request);
    } catch (RuntimeException e) {
      return failed(request, e.toString(), out, err);
    }
    if (result == null) {
      return failed(request, "the round produced no result", out, err);
    }
    if (request.json()) {
      out.println(QueryOutput.json(result));
    } else {
      out.print(QueryOutput.table(result));
    }
    out.flush();
    return result.hasTime() ? 0 : 1;
  }

  /**
   * A round that could not run: one line on stderr and, with {@code --json}, still one object on
   * stdout.
   */
  private static int failed(QueryRequest request, String why, PrintStream out, PrintStream err) {
    err.println("chronotick: query failed: " + why);
    if (request.json()) {
      out.println(QueryOutput.jsonError(why));
      out.flush();
    }
    return 1;
  }
}
