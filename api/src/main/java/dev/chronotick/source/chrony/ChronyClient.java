package dev.chronotick.source.chrony;

import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks chronyd for its tracking report over UDP, as {@code chronyc tracking} does: one request,
 * resent once with a new sequence number if the first gets no valid reply within half the timeout.
 * Replies from another address or for another sequence are ignored (and, if nothing better comes,
 * reported). Never throws.
 */
public final class ChronyClient {
  private final InetSocketAddress address;
  private final Duration timeout;
  private final WallClock wall;
  private final Ticker ticker;
  private final SecureRandom random = new SecureRandom();

  public ChronyClient(InetSocketAddress address, Duration timeout, WallClock wall, Ticker ticker) {
    this.address = Objects.requireNonNull(address, "address");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.wall = Objects.requireNonNull(wall, "wall");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  public InetSocketAddress address() {
    return address;
  }

  /** A query's outcome: the reply and when it was asked and answered. */
  public static final class Exchange {
    private final ChronyWire.Reply reply;
    private final long sentTicker;
    private final long receivedTicker;
    private final long receivedEpochNanos;

    Exchange(
        ChronyWire.Reply reply, long sentTicker, long receivedTicker, long receivedEpochNanos) {
      this.reply = reply;
      this.sentTicker = sentTicker;
      this.receivedTicker = receivedTicker;
      this.receivedEpochNanos = receivedEpochNanos;
    }

    public ChronyWire.Reply reply() {
      return reply;
    }

    /** Ticker when the answered request was sent. */
    public long sentTicker() {
      return sentTicker;
    }

    /** Ticker when its reply arrived. */
    public long receivedTicker() {
      return receivedTicker;
    }

    /** Raw wall clock when the reply arrived, epoch nanoseconds. */
    public long receivedEpochNanos() {
      return receivedEpochNanos;
    }

    /** Request to reply, nanoseconds: chronyd computed its report somewhere in between. */
    public long roundTripNanos() {
      return receivedTicker - sentTicker;
    }
  }

  public Exchange query() {
    ChronyWire.Reply last = ChronyWire.Reply.refused(ChronyRefusal.NO_REPLY, address.toString());
    long start = ticker.nanos();
    long deadline = start + timeout.toNanos();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(address);
      byte[] in = new byte[1024];
      for (int attempt = 0; attempt < 2; attempt++) {
        int sequence = random.nextInt();
        byte[] request = ChronyWire.trackingRequest(sequence, attempt);
        long attemptEnd = attempt == 0 ? start + timeout.toNanos() / 2 : deadline;
        long sent = ticker.nanos();
        socket.send(new DatagramPacket(request, request.length));
        while (true) {
          long left = attemptEnd - ticker.nanos();
          if (left <= 0) {
            break;
          }
          socket.setSoTimeout((int) Math.max(1L, Math.min(Integer.MAX_VALUE, left / 1_000_000L)));
          DatagramPacket p = new DatagramPacket(in, in.length);
          try {
            socket.receive(p);
          } catch (SocketTimeoutException e) {
            break;
          }
          long received = ticker.nanos();
          long epoch = wall.epochNanos();
          ChronyWire.Reply reply = ChronyWire.decodeTrackingReply(in, p.getLength(), sequence);
          if (reply.isOk()
              || reply.refusal() == ChronyRefusal.ERROR_STATUS
              || reply.refusal() == ChronyRefusal.BAD_VERSION) {
            return new Exchange(reply, sent, received, epoch);
          }
          last = reply; // garbage or a stale reply: keep listening until this attempt's end
        }
      }
    } catch (PortUnreachableException e) {
      last = ChronyWire.Reply.refused(ChronyRefusal.NO_REPLY, address + ": port unreachable");
    } catch (IOException | RuntimeException e) {
      long now = ticker.nanos();
      return new Exchange(
          ChronyWire.Reply.refused(ChronyRefusal.IO_ERROR, address + ": " + e),
          start,
          now,
          wall.epochNanos());
    }
    long now = ticker.nanos();
    return new Exchange(last, start, now, wall.epochNanos());
  }
}
