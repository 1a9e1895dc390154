package dev.chronotick.nts;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * An on-path attacker for tests: a UDP relay on {@code listen} that forwards every request to
 * {@code server} and answers the client with {@code alter(request, reply)} instead of the reply.
 */
final class MitmProxy implements AutoCloseable {
  private final DatagramSocket clientSide;
  private final DatagramSocket serverSide;
  private final Thread thread;
  final AtomicInteger altered = new AtomicInteger();

  MitmProxy(
      InetSocketAddress listen, InetSocketAddress server, BiFunction<byte[], byte[], byte[]> alter)
      throws IOException {
    clientSide = new DatagramSocket(listen);
    serverSide = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
    serverSide.setSoTimeout(2000);
    thread =
        new Thread(
            () -> {
              byte[] in = new byte[4096];
              byte[] back = new byte[4096];
              while (!clientSide.isClosed()) {
                try {
                  DatagramPacket req = new DatagramPacket(in, in.length);
                  clientSide.receive(req);
                  SocketAddress client = req.getSocketAddress();
                  byte[] request = java.util.Arrays.copyOf(in, req.getLength());
                  serverSide.send(new DatagramPacket(request, request.length, server));
                  DatagramPacket rep = new DatagramPacket(back, back.length);
                  serverSide.receive(rep);
                  byte[] reply = java.util.Arrays.copyOf(back, rep.getLength());
                  byte[] out = alter.apply(request, reply);
                  if (out != null) {
                    altered.incrementAndGet();
                    clientSide.send(new DatagramPacket(out, out.length, client));
                  }
                } catch (SocketException e) {
                  return; // closed
                } catch (IOException e) {
                  // a lost reply: the client times out
                }
              }
            },
            "mitm-proxy");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws InterruptedException {
    clientSide.close();
    serverSide.close();
    thread.join(5000);
  }

  /** Adds {@code seconds} to the receive and transmit timestamps of an NTP reply. */
  static byte[] shift(byte[] reply, long seconds) {
    byte[] out = reply.clone();
    for (int off : new int[] {32, 40}) {
      long v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | (out[off + i] & 0xff);
      }
      v += seconds;
      for (int i = 3; i >= 0; i--) {
        out[off + i] = (byte) v;
        v >>>= 8;
      }
    }
    return out;
  }

  /** {@code old} with its origin timestamp set to the transmit timestamp of {@code request}. */
  static byte[] replay(byte[] old, byte[] request) {
    byte[] out = old.clone();
    System.arraycopy(request, 40, out, 24, 8);
    return out;
  }
}
