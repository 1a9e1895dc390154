package dev.chronotick.testkit;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code chronyd} serving NTP on 127.0.0.1 for integration tests.
 *
 * <p>It runs with {@code -x} (never touches the system clock), {@code -d} (foreground), its own
 * configuration in a temporary directory ({@code local stratum 1} so it serves the host clock
 * without any upstream source, {@code cmdport 0}, pid and drift files in the temp dir) and, when we
 * are root, {@code -u root} so it does not switch to a user that cannot read the temp dir. {@link
 * #start()} returns once it answers a query (poll with deadline); {@link #close()} stops it and
 * removes the directory. Use {@link #isAvailable()} to skip tests where chrony is not installed.
 */
public final class ChronydServer implements AutoCloseable {
  public static final String DEFAULT_BINARY = "/usr/sbin/chronyd";
  private static final Duration DEFAULT_STARTUP = Duration.ofSeconds(15);
  private static final int PROBE_TIMEOUT_MILLIS = 200;

  private final Process process;
  private final Path dir;
  private final int port;
  private final int commandPort;

  private ChronydServer(Process process, Path dir, int port, int commandPort) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.commandPort = commandPort;
  }

  /** The chronyd binary: {@code CHRONYD} environment variable, else {@value #DEFAULT_BINARY}. */
  public static String binary() {
    String env = System.getenv("CHRONYD");
    return env == null || env.isEmpty() ? DEFAULT_BINARY : env;
  }

  /** True when the chronyd binary exists and is executable. */
  public static boolean isAvailable() {
    File f = new File(binary());
    return f.isFile() && f.canExecute();
  }

  /** A one-line explanation for skipped tests. */
  public static String unavailableReason() {
    return "chronyd not found at " + binary() + " (install the 'chrony' package or set CHRONYD)";
  }

  public static ChronydServer start() throws IOException {
    return start(DEFAULT_STARTUP);
  }

  /**
   * Starts chronyd on a free UDP port of 127.0.0.1 and waits until it answers, at most {@code
   * startup}.
   */
  public static ChronydServer start(Duration startup) throws IOException {
    return start(startup, "local stratum 1\n", false, "");
  }

  /** As {@link #start(Duration)}, with {@code extraConfig} lines appended (e.g. an NTS server). */
  public static ChronydServer start(Duration startup, String extraConfig) throws IOException {
    return start(startup, "local stratum 1\n", false, extraConfig);
  }

  /**
   * Starts chronyd synchronised to {@code upstreams} ({@code host:port} NTP servers on loopback,
   * polled every second), with its command port open to 127.0.0.1 ({@link #commandPort()}, as
   * {@code chronyc -h 127.0.0.1 -p PORT} reaches it), and waits until it serves synchronised time
   * (it has selected an upstream), at most {@code startup}.
   */
  public static ChronydServer startFollowing(List<String> upstreams, Duration startup)
      throws IOException {
    StringBuilder sources = new StringBuilder();
    for (String u : upstreams) {
      int colon = u.lastIndexOf(':');
      sources
          .append("server ")
          .append(u, 0, colon)
          .append(" port ")
          .append(u.substring(colon + 1))
          .append(" iburst minpoll 0 maxpoll 0\n");
    }
    return start(startup, sources.toString(), true, "");
  }

  private static ChronydServer start(
      Duration startup, String sources, boolean commandPort, String extraConfig)
      throws IOException {
    if (!isAvailable()) {
      throw new IOException(unavailableReason());
    }
    Path dir = Files.createTempDirectory("chronotick-chronyd");
    int port = freeUdpPort();
    int cmdPort = commandPort ? freeUdpPort() : 0;
    Path conf = dir.resolve("chrony.conf");
    String command =
        commandPort
            ? "cmdport "
                + cmdPort
                + "\nbindcmdaddress 127.0.0.1\ncmdallow 127.0.0.1\n"
                + "bindcmdaddress "
                + dir.resolve("chronyd.sock")
                + "\n"
            : "cmdport 0\n";
    String config =
        "port "
            + port
            + "\n"
            + "bindaddress 127.0.0.1\n"
            + "allow 127.0.0.1\n"
            + sources
            + command
            + "pidfile "
            + dir.resolve("chronyd.pid")
            + "\n"
            + "driftfile "
            + dir.resolve("chronyd.drift")
            + "\n"
            + extraConfig;
    Files.write(conf, config.getBytes(StandardCharsets.UTF_8));
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.add("-x"); // never touch the system clock
    cmd.add("-d");
    cmd.add("-f");
    cmd.add(conf.toString());
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.add("-u");
      cmd.add("root");
    }
    Path log = dir.resolve("chronyd.log");
    Process process =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ChronydServer server = new ChronydServer(process, dir, port, cmdPort);
    try {
      server.awaitAnswer(startup);
    } catch (IOException | RuntimeException e) {
      String output = readQuietly(log);
      server.close();
      throw new IOException(e.getMessage() + "; chronyd output: " + output.trim(), e);
    }
    return server;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** The UDP command port on 127.0.0.1 ({@code chronyc -h 127.0.0.1 -p}), 0 when closed. */
  public int commandPort() {
    return commandPort;
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return host() + ":" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    TempDirectories.deleteQuietly(dir);
  }

  private void awaitAnswer(Duration startup) throws IOException {
    long deadline = System.nanoTime() + startup.toNanos();
    InetSocketAddress target =
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    try (DatagramSocket probe =
        new DatagramSocket(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0))) {
      probe.setSoTimeout(PROBE_TIMEOUT_MILLIS);
      byte[] in = new byte[512];
      while (System.nanoTime() - deadline < 0) {
        if (!process.isAlive()) {
          throw new IOException("chronyd exited with status " + process.exitValue());
        }
        long xmt = ThreadLocalRandom.current().nextLong() | 1L;
        byte[] req = NtpWire.clientRequest(xmt);
        probe.send(new DatagramPacket(req, req.length, target));
        try {
          DatagramPacket reply = new DatagramPacket(in, in.length);
          probe.receive(reply);
          if (reply.getLength() >= NtpWire.HEADER_LENGTH
              && NtpWire.getLong(in, 24) == xmt
              && (in[0] & 7) == 4
              && (in[0] >> 6 & 3) != 3
              && in[1] != 0) {
            return;
          }
        } catch (SocketTimeoutException e) {
          // not up yet: try again until the deadline
        }
      }
    }
    throw new IOException(
        "chronyd did not answer on " + address() + " within " + startup.toMillis() + " ms");
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s =
        new DatagramSocket(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0))) {
      return s.getLocalPort();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
