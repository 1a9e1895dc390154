package dev.chronotick.demo;

import dev.chronotick.testkit.TestNtpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The demo's NTP servers on 127.0.0.1, all running {@code trueOffset} ahead of this host: three
 * honest ones with a little delay and jitter, one falseticker {@link #FALSETICKER_ERROR} further
 * off (with the lowest delay, so a client that trusts the fastest server would pick it), one
 * silent.
 */
final class LocalServers implements AutoCloseable {
  static final Duration FALSETICKER_ERROR = Duration.ofSeconds(4);

  private final List<TestNtpServer> honest = new ArrayList<>();
  private TestNtpServer falseticker;
  private TestNtpServer silent;

  private LocalServers() {}

  static LocalServers start(Duration trueOffset) throws IOException {
    LocalServers servers = new LocalServers();
    try {
      for (int i = 0; i < 3; i++) {
        servers.honest.add(
            TestNtpServer.builder()
                .offset(trueOffset)
                .delay(Duration.ofMillis(1 + i))
                .jitter(Duration.ofNanos(300_000))
                .seed(7 + i)
                .start());
      }
      servers.falseticker =
          TestNtpServer.builder()
              .offset(trueOffset.plus(FALSETICKER_ERROR))
              .delay(Duration.ofMillis(0))
              .start();
      servers.silent = TestNtpServer.builder().offset(trueOffset).silent(true).start();
      return servers;
    } catch (IOException | RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  /** All five, in the order they are given to the agent. */
  List<String> addresses() {
    List<String> all = new ArrayList<>();
    for (TestNtpServer s : honest) {
      all.add(s.address());
    }
    all.add(falseticker.address());
    all.add(silent.address());
    return Collections.unmodifiableList(all);
  }

  String falsetickerAddress() {
    return falseticker.address();
  }

  String silentAddress() {
    return silent.address();
  }

  List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (TestNtpServer s : honest) {
      lines.add(
          s.address()
              + "  honest       offset "
              + Summary.signedMs(s.offset().toNanos(), 0)
              + ", small delay + jitter");
    }
    lines.add(
        falseticker.address()
            + "  falseticker  offset "
            + Summary.signedMs(falseticker.offset().toNanos(), 0)
            + ", the fastest to answer");
    lines.add(silent.address() + "  silent       never answers");
    return lines;
  }

  /** Requests each server received so far: {@code :port xN} each. */
  String requestCounts() {
    StringBuilder b = new StringBuilder();
    List<TestNtpServer> all = new ArrayList<>(honest);
    all.add(falseticker);
    all.add(silent);
    for (TestNtpServer s : all) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(':')
          .append(s.port())
          .append(" x")
          .append(s.requestsReceived());
    }
    return b.toString();
  }

  @Override
  public void close() {
    for (TestNtpServer s : honest) {
      s.close();
    }
    if (falseticker != null) {
      falseticker.close();
    }
    if (silent != null) {
      silent.close();
    }
  }
}
