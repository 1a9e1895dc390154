package dev.chronotick.ntp;

import java.util.List;

/**
 * Sends the requests of one round and collects the outcomes. Implementations never throw for a
 * network, DNS or protocol problem: every request ends as one {@link ExchangeResult}, accepted or
 * rejected with a reason. Exactly {@code servers × samplesPerServer} results are returned, grouped
 * by server in request order.
 */
public interface RoundTransport {
  List<ExchangeResult> exchange(RoundRequest request);
}
