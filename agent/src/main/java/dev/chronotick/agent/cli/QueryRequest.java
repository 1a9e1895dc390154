package dev.chronotick.agent.cli;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.ntp.RoundRequest;
import java.util.Objects;

/**
 * A parsed {@code query} command: the effective options (flags over system properties, environment,
 * config file and defaults) and the output format.
 */
public final class QueryRequest {
  private final ChronoTickOptions options;
  private final boolean json;

  public QueryRequest(ChronoTickOptions options, boolean json) {
    this.options = Objects.requireNonNull(options, "options");
    this.json = json;
  }

  /** Every option of the round: servers, samples, timeout, parallel, thresholds, retries... */
  public ChronoTickOptions options() {
    return options;
  }

  /** Print one JSON object instead of the table. */
  public boolean json() {
    return json;
  }

  /** The transport-level request of this query's round. */
  public RoundRequest toRoundRequest() {
    return new RoundRequest(
        options.servers(),
        options.samples(),
        options.sampleSpacing(),
        options.timeout(),
        options.parallel());
  }

  @Override
  public String toString() {
    return "QueryRequest{" + options.describeNonDefaults() + (json ? ", json" : "") + "}";
  }
}
