package dev.chronotick.agent.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.ChronydServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A few real {@code chronyd} on loopback ({@code -x}: they serve the host clock and never set it),
 * shared by the tests of one class: a JUnit extension, registered with {@code @RegisterExtension
 * static final ChronydFleet FLEET = ChronydFleet.of(3)}. It starts the servers before the class's
 * tests and stops them after (after the class's own {@code @AfterAll}); each test reports itself
 * skipped, with the reason, when chronyd (or, for {@link #withFaketime}, faketime) is not
 * installed.
 */
final class ChronydFleet implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final int count;
  private final boolean needsFaketime;
  private volatile List<ChronydServer> servers = Collections.emptyList();

  private ChronydFleet(int count, boolean needsFaketime) {
    this.count = count;
    this.needsFaketime = needsFaketime;
  }

  /** {@code count} servers; the tests need chronyd only. */
  static ChronydFleet of(int count) {
    return new ChronydFleet(count, false);
  }

  /** The same fleet, for tests that also skew a process with faketime. */
  ChronydFleet withFaketime() {
    return new ChronydFleet(count, true);
  }

  private boolean available() {
    return ChronydServer.isAvailable() && (!needsFaketime || Faketime.isAvailable());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!available()) {
      return;
    }
    List<ChronydServer> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        started.add(ChronydServer.start());
      }
    } catch (IOException | RuntimeException e) {
      started.forEach(ChronydServer::close);
      throw e;
    }
    servers = Collections.unmodifiableList(started);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    assumeTrue(ChronydServer.isAvailable(), ChronydServer.unavailableReason());
    if (needsFaketime) {
      assumeTrue(Faketime.isAvailable(), Faketime.unavailableReason());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    servers.forEach(ChronydServer::close);
    servers = Collections.emptyList();
  }

  /** {@code 127.0.0.1:port} of each server. */
  List<String> addresses() {
    List<String> addresses = new ArrayList<>();
    for (ChronydServer s : servers) {
      addresses.add(s.address());
    }
    return addresses;
  }

  /**
   * The addresses joined with {@code separator} ({@code ;} in an agent argument, {@code ,} for the
   * CLI).
   */
  String addresses(String separator) {
    return String.join(separator, addresses());
  }
}
