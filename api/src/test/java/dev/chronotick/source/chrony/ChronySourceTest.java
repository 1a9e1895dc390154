package dev.chronotick.source.chrony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.Ticker;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The source against a scripted responder on 127.0.0.1. */
class ChronySourceTest {
  /** Answers every request with {@code reply.apply(sequence)} (null: no answer), on a thread. */
  private static final class Responder implements AutoCloseable {
    final DatagramSocket socket;
    final Thread thread;
    final java.util.concurrent.atomic.AtomicInteger requests =
        new java.util.concurrent.atomic.AtomicInteger();

    Responder(IntFunction<byte[]> reply) throws Exception {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      socket.setSoTimeout(100);
      thread =
          new Thread(
              () -> {
                byte[] in = new byte[512];
                while (!socket.isClosed()) {
                  DatagramPacket p = new DatagramPacket(in, in.length);
                  try {
                    socket.receive(p);
                  } catch (SocketTimeoutException e) {
                    continue;
                  } catch (Exception e) {
                    return;
                  }
                  requests.incrementAndGet();
                  int seq = ByteBuffer.wrap(in).getInt(8);
                  byte[] out = reply.apply(seq);
                  if (out != null) {
                    try {
                      socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                    } catch (Exception e) {
                      return;
                    }
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(2000);
    }
  }

  private static ChronySource source(InetSocketAddress a, Duration timeout) {
    return new ChronySource(
        new ChronyClient(a, timeout, () -> 1_700_000_000_000_000_000L, Ticker.system()));
  }

  @Test
  void aGoodReplyGivesTheCorrectionAndTheDocumentedBound() throws Exception {
    try (Responder r = new Responder(seq -> new TrackingReplies(seq).bytes())) {
      ChronySource src = source(r.address(), Duration.ofSeconds(2));
      RoundResult round = src.poll();
      assertTrue(round.hasTime(), src.lastReason());
      assertEquals(123_456, round.offsetNanos(), 10);
      long chrony = 100_000 + 50_000;
      assertTrue(
          round.uncertaintyNanos() >= chrony + ChronySource.SAFETY_MARGIN_NANOS, round.toString());
      assertTrue(
          round.uncertaintyNanos()
              <= chrony + ChronySource.SAFETY_MARGIN_NANOS + round.elapsedNanos() / 2 + 10,
          round.toString());
      assertEquals("", src.lastReason());
      assertEquals(2, src.lastTracking().stratum());
    }
  }

  @Test
  void garbageIsCountedAndNamedAndTheRoundStarves() throws Exception {
    try (Responder r = new Responder(seq -> new byte[] {1, 2, 3, 4, 5, 6, 7, 8})) {
      ChronySource src = source(r.address(), Duration.ofMillis(300));
      assertFalse(src.poll().hasTime());
      assertEquals(1L, src.refusals().get(ChronyRefusal.SHORT), src.refusals().toString());
      assertTrue(src.lastReason().startsWith("reply too short"), src.lastReason());
      assertEquals(2, r.requests.get(), "resent once");
    }
  }

  @Test
  void aReplyToAnotherRequestIsIgnoredAndReported() throws Exception {
    try (Responder r = new Responder(seq -> new TrackingReplies(seq + 1).bytes())) {
      ChronySource src = source(r.address(), Duration.ofMillis(300));
      assertFalse(src.poll().hasTime());
      assertEquals(1L, src.refusals().get(ChronyRefusal.MISMATCH));
    }
  }

  @Test
  void unauthorisedAndUnsynchronisedAreNamed() throws Exception {
    try (Responder r =
        new Responder(
            seq -> {
              TrackingReplies t = new TrackingReplies(seq);
              t.status = 2;
              return t.bytes();
            })) {
      ChronySource src = source(r.address(), Duration.ofSeconds(1));
      assertFalse(src.poll().hasTime());
      assertEquals(1L, src.refusals().get(ChronyRefusal.ERROR_STATUS));
      assertEquals(1, r.requests.get(), "an error status is an answer, not resent");
    }
    try (Responder r =
        new Responder(
            seq -> {
              TrackingReplies t = new TrackingReplies(seq);
              t.leap = 3;
              t.stratum = 0;
              return t.bytes();
            })) {
      ChronySource src = source(r.address(), Duration.ofSeconds(1));
      assertFalse(src.poll().hasTime());
      assertEquals(1L, src.refusals().get(ChronyRefusal.NOT_SYNCHRONISED));
      assertTrue(src.lastReason().contains("leap status 3"), src.lastReason());
    }
  }

  @Test
  void anAnnouncedLeapSecondIsKept() throws Exception {
    try (Responder r =
        new Responder(
            seq -> {
              TrackingReplies t = new TrackingReplies(seq);
              t.leap = 1;
              return t.bytes();
            })) {
      ChronySource src = source(r.address(), Duration.ofSeconds(1));
      assertEquals(0, src.leapStatus());
      assertTrue(src.poll().hasTime());
      assertEquals(ChronyTracking.LEAP_INSERT, src.leapStatus());
    }
  }

  @Test
  void silenceIsNoReply() throws Exception {
    try (Responder r = new Responder(seq -> null)) {
      ChronySource src = source(r.address(), Duration.ofMillis(200));
      assertFalse(src.poll().hasTime());
      assertEquals(1L, src.refusals().get(ChronyRefusal.NO_REPLY));
    }
  }

  @Test
  void addressesParseWithTheDefaultPort() {
    assertEquals(new InetSocketAddress("127.0.0.1", 323), ChronySource.parseAddress("127.0.0.1"));
    assertEquals(
        new InetSocketAddress("127.0.0.1", 1323), ChronySource.parseAddress(" 127.0.0.1:1323 "));
    assertEquals(new InetSocketAddress("::1", 323), ChronySource.parseAddress("[::1]"));
    assertEquals(new InetSocketAddress("::1", 99), ChronySource.parseAddress("[::1]:99"));
    assertEquals(new InetSocketAddress("::1", 323), ChronySource.parseAddress("::1"));
    assertThrows(IllegalArgumentException.class, () -> ChronySource.parseAddress("localhost:323"));
    assertThrows(IllegalArgumentException.class, () -> ChronySource.parseAddress("127.0.0.1:0"));
    assertThrows(IllegalArgumentException.class, () -> ChronySource.parseAddress(""));
    assertThrows(IllegalArgumentException.class, () -> ChronySource.parseAddress("[::1"));
  }
}
