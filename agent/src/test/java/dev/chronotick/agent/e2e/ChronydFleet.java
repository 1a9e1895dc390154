package dev.chronotick.agent.e2e;

import dev.chronotick.testkit.ChronydServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A few real {@code chronyd} on loopback ({@code -x}: they serve the host clock and never set it),
 * shared by the tests of one class.
 */
final class ChronydFleet implements AutoCloseable {
  private final List<ChronydServer> servers;

  private ChronydFleet(List<ChronydServer> servers) {
    this.servers = servers;
  }

  static ChronydFleet start(int count) throws IOException {
    List<ChronydServer> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        started.add(ChronydServer.start());
      }
    } catch (IOException | RuntimeException e) {
      started.forEach(ChronydServer::close);
      throw e;
    }
    return new ChronydFleet(Collections.unmodifiableList(started));
  }

  /** {@code 127.0.0.1:port} of each server. */
  List<String> addresses() {
    List<String> addresses = new ArrayList<>();
    for (ChronydServer s : servers) {
      addresses.add(s.address());
    }
    return addresses;
  }

  /** The addresses joined with {@code separator} ({@code ;} in an agent argument, {@code ,} for the CLI). */
  String addresses(String separator) {
    return String.join(separator, addresses());
  }

  @Override
  public void close() {
    servers.forEach(ChronydServer::close);
  }
}
