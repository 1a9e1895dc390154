package dev.chronotick.source.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host sharing between real JVMs: {@value #JVMS} children with one host directory and one NTP
 * server 50 ms ahead of this host. Only the collector polls; every child is within 1 ms of it; the
 * collector killed with SIGKILL is replaced within the documented bound, with the next term, and no
 * child's corrected time went back.
 */
class HostShareIT {
  static final int JVMS = 20;
  private static final long AHEAD = 50_000_000L;

  @TempDir Path dir;
  private final List<ChildProcess> children = new ArrayList<>();
  private TestNtpServer server;

  @AfterEach
  void stop() {
    children.forEach(ChildProcess::close);
    if (server != null) {
      server.close();
    }
  }

  /** One child's answer to Q. */
  static final class Report {
    final long pid;
    final String role;
    final int status;
    final long offset;
    final long ownPolls;
    final long backwards;
    final long term;
    final long error;

    Report(String line) {
      String[] f = line.split(" ");
      pid = Long.parseLong(f[1]);
      role = f[2];
      status = Integer.parseInt(f[3]);
      offset = Long.parseLong(f[4]);
      ownPolls = Long.parseLong(f[5]);
      backwards = Long.parseLong(f[6]);
      term = Long.parseLong(f[7]);
      error = Long.parseLong(f[8]);
    }

    /**
     * The truth lies within the bound this JVM claims, and within 5 ms on any machine not so loaded
     * that loopback round trips themselves reach tens of ms.
     */
    boolean coversTruth() {
      return Math.abs(offset - AHEAD) <= Math.max(5_000_000L, error);
    }

    @Override
    public String toString() {
      return "pid "
          + pid
          + " "
          + role
          + " status "
          + status
          + " offset "
          + offset
          + " polls "
          + ownPolls
          + " back "
          + backwards
          + " term "
          + term
          + " error "
          + error;
    }
  }

  private static Report ask(ChildProcess c) throws Exception {
    c.send("Q");
    return new Report(c.awaitLine(l -> l.startsWith("S "), "state"));
  }

  private List<Report> askAll(List<ChildProcess> cs) throws Exception {
    List<Report> out = new ArrayList<>();
    for (ChildProcess c : cs) {
      out.add(ask(c));
    }
    return out;
  }

  /** Asks until every child is synchronised within 1 ms of the collector, or the deadline. */
  private List<Report> awaitAgreement(List<ChildProcess> cs, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    List<Report> r;
    do {
      r = askAll(cs);
      Report collector = null;
      boolean allSynced = true;
      for (Report x : r) {
        allSynced &= x.status != 0;
        if (x.role.equals("COLLECTOR")) {
          collector = x;
        }
      }
      if (collector != null && allSynced) {
        boolean close = true;
        for (Report x : r) {
          close &= Math.abs(x.offset - collector.offset) <= 1_000_000L;
        }
        if (close) {
          return r;
        }
      }
      Thread.sleep(200); // the children poll once a second; nothing to wait on instead
    } while (System.nanoTime() - deadline < 0);
    throw new AssertionError("no agreement within " + within + ": " + r);
  }

  @Test
  void oneCollectorServesTheHostAndAKilledOneIsReplacedWithinTheBound() throws Exception {
    server = TestNtpServer.builder().offset(Duration.ofNanos(AHEAD)).start();
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < JVMS; i++) {
      children.add(
          ChildProcess.start(
              List.of(
                  java,
                  "-Xmx64m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  HostShareChild.class.getName(),
                  dir.toString(),
                  server.address()),
              Map.of()));
    }
    for (ChildProcess c : children) {
      c.awaitReady();
    }
    List<Report> r = awaitAgreement(children, Duration.ofSeconds(60));
    Report collector = null;
    long pollers = 0;
    for (Report x : r) {
      if (x.role.equals("COLLECTOR")) {
        collector = x;
      }
      if (x.ownPolls > 0) {
        pollers++;
      }
      assertTrue(x.coversTruth(), x.toString());
    }
    assertEquals(1, pollers, "only the collector polls: " + r);
    assertTrue(server.requestsReceived() > 0);
    assertTrue(server.requestsReceived() <= collector.ownPolls, "one sample per poll: " + r);

    // SIGKILL the collector: another takes over and publishes within the documented bound
    ChildProcess dead = null;
    for (ChildProcess c : children) {
      if (c.pid() == collector.pid) {
        dead = c;
      }
    }
    HostFiles files = new HostFiles(dir);
    HostSegmentCodec.Read before = HostSegmentCodec.read(files.mapForReading().buffer);
    assertTrue(before.isOk(), before.toString());
    assertEquals(collector.pid, before.state().writerPid());
    long killedAt = System.nanoTime();
    ProcessHandle.of(collector.pid).ifPresent(ProcessHandle::destroyForcibly);
    children.remove(dead);
    dead.close();
    long bound = HostShareSource.READER_INTERVAL.toNanos() + 2_000_000_000L; // + a loaded machine
    HostState next = null;
    while (System.nanoTime() - killedAt < bound + 5_000_000_000L) {
      HostFiles.Mapping m = files.mapForReading();
      if (m.buffer != null) {
        HostSegmentCodec.Read read = HostSegmentCodec.read(m.buffer);
        if (read.isOk() && read.state().writerPid() != collector.pid) {
          next = read.state();
          break;
        }
      }
      Thread.sleep(20); // polling a file; nothing to wait on
    }
    long tookOver = System.nanoTime() - killedAt;
    assertTrue(next != null, "nobody took over");
    assertTrue(tookOver <= bound, "took " + tookOver / 1_000_000 + " ms");
    assertEquals(before.state().term() + 1, next.term());
    assertEquals(HostState.STATUS_SYNCHRONIZED, next.status());

    List<Report> after = awaitAgreement(children, Duration.ofSeconds(30));
    long collectors = after.stream().filter(x -> x.role.equals("COLLECTOR")).count();
    assertEquals(1, collectors, after.toString());
    for (Report x : after) {
      assertEquals(0, x.backwards, "a reading went back: " + x);
      assertTrue(x.coversTruth(), x.toString());
    }
  }
}
