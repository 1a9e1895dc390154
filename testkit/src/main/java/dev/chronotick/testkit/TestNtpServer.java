package dev.chronotick.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A simulated NTP server on 127.0.0.1 with configurable truth and faults, for tests, the demo and
 * benchmarks.
 *
 * <p>Its "true time" is the host's raw wall clock plus {@link Builder#offset}. Network delays are
 * real: a request "arrives" {@code requestDelay} (+ jitter) after it was received, and the reply is
 * sent {@code responseDelay} (+ jitter) later from a scheduler thread, so delayed replies never
 * hold up other requests. All servers of a JVM share one receiver and one reply thread ({@code
 * SimulatedNetwork}), so a hundred of them do not bury the client under test in threads. The
 * receive timestamp is stamped at the simulated arrival and the transmit timestamp at the moment
 * the reply is really sent minus the simulated response delay, so with symmetric delays the true
 * offset is recovered exactly however late the scheduler runs.
 *
 * <p>Faults: loss, silence, Kiss-o'-Death code, stratum, leap indicator, root delay/dispersion,
 * mode/version, wrong origin, zero timestamps, garbage bytes, truncated replies, replies from a
 * wrong port, a flood of duplicate and random replies, and a per-client rate limit. Jitter and loss
 * come from a seeded {@link Random}, so runs are repeatable.
 *
 * <p>Packets are encoded by hand, independently of the engine's codec.
 */
public final class TestNtpServer implements AutoCloseable {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final InetAddress LOOPBACK_V4 = loopbackV4();

  private final Builder config;
  private final DatagramChannel channel;
  private final DatagramChannel wrongPortChannel;
  private final InetSocketAddress local;
  private final SimulatedNetwork network;
  private final ScheduledThreadPoolExecutor scheduler;
  private final ByteBuffer receiveBuffer = ByteBuffer.allocate(512);
  private final Random random;
  private final LongSupplier hostClock;
  private final AtomicLong requestsReceived = new AtomicLong();
  private final AtomicLong repliesSent = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();

  /** Monotonic arrival of the last request answered, by client address (the rate limit's). */
  private final java.util.Map<InetAddress, Long> lastAnswered = new java.util.HashMap<>();

  /** Distinct client ports remembered (enough for any test; keeps long soaks' memory flat). */
  static final int MAX_TRACKED_PORTS = 256;

  private final java.util.Set<Integer> clientPorts =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile long offsetNanos;
  private volatile boolean silent;
  private volatile boolean closed;

  private TestNtpServer(Builder b) throws IOException {
    this.config = b.copy();
    this.offsetNanos = b.offsetNanos;
    this.silent = b.silent;
    this.random = new Random(b.seed);
    this.hostClock = b.hostClock != null ? b.hostClock : HostClock::epochNanos;
    this.channel = open(b.bindAddress, b.port);
    this.local = (InetSocketAddress) channel.getLocalAddress();
    DatagramChannel wrong = null;
    try {
      wrong = b.replyFromWrongPort ? open(b.bindAddress, 0) : null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    this.wrongPortChannel = wrong;
    this.network = SimulatedNetwork.acquire();
    this.scheduler = network.scheduler();
    network.register(channel, this);
  }

  private static DatagramChannel open(InetAddress address, int port) throws IOException {
    DatagramChannel ch =
        DatagramChannel.open(
            address instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 18);
      ch.bind(new InetSocketAddress(address, port));
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A well-behaved stratum-1 server with offset 0 and no delay. */
  public static TestNtpServer start() throws IOException {
    return builder().start();
  }

  public String host() {
    return local.getAddress().getHostAddress();
  }

  public int port() {
    return local.getPort();
  }

  /** {@code host:port}, as the engine's server lists take it. */
  public String address() {
    return host() + ":" + port();
  }

  /** The offset this server's time has from the host's raw clock (its "truth"). */
  public Duration offset() {
    return Duration.ofNanos(offsetNanos);
  }

  /** Changes the server's offset from now on (e.g. to simulate a step of the local clock). */
  public void setOffset(Duration offset) {
    this.offsetNanos = offset.toNanos();
  }

  /** Stops (true) or resumes (false) answering. */
  public void setSilent(boolean silent) {
    this.silent = silent;
  }

  /** Requests received so far (including ones dropped by loss or silence). */
  public long requestsReceived() {
    return requestsReceived.get();
  }

  /**
   * The distinct UDP source ports requests came from (a client should use a fresh one per round);
   * the first {@value #MAX_TRACKED_PORTS} only.
   */
  public java.util.Set<Integer> clientPorts() {
    return java.util.Collections.unmodifiableSet(new java.util.HashSet<>(clientPorts));
  }

  /** Datagrams sent so far (replies, garbage and flood copies). */
  /** Requests dropped by the {@linkplain Builder#rateLimit rate limit}. */
  public long rateLimitedRequests() {
    return rateLimited.get();
  }

  public long repliesSent() {
    return repliesSent.get();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(channel);
    closeQuietly(wrongPortChannel);
    SimulatedNetwork.release(network);
  }

  private static void closeQuietly(DatagramChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // best effort
      }
    }
  }

  @Override
  public String toString() {
    return "TestNtpServer{" + address() + " offset=" + offsetNanos + "ns}";
  }

  private static InetAddress loopbackV4() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Called on the shared receiver thread when {@code ch} is readable: handles every queued request.
   */
  void drain(DatagramChannel ch) {
    while (!closed) {
      receiveBuffer.clear();
      java.net.SocketAddress from;
      try {
        from = ch.receive(receiveBuffer);
      } catch (IOException e) {
        return; // closed
      }
      if (from == null) {
        return;
      }
      long arrivalWall = hostClock.getAsLong();
      long arrivalTicker = System.nanoTime();
      handle(
          (InetSocketAddress) from,
          receiveBuffer.array(),
          receiveBuffer.position(),
          arrivalWall,
          arrivalTicker);
    }
  }

  private void handle(
      InetSocketAddress client, byte[] buf, int length, long arrivalWall, long arrivalTicker) {
    requestsReceived.incrementAndGet();
    if (clientPorts.size() < MAX_TRACKED_PORTS) {
      clientPorts.add(client.getPort());
    }
    if (silent || length < NtpWire.HEADER_LENGTH) {
      return;
    }
    if (config.rateLimitNanos > 0) {
      synchronized (lastAnswered) {
        Long last = lastAnswered.get(client.getAddress());
        if (last != null && arrivalTicker - last < config.rateLimitNanos) {
          rateLimited.incrementAndGet();
          return; // dropped, as ntpd and chronyd drop a client's packets over their limit
        }
        lastAnswered.put(client.getAddress(), arrivalTicker);
      }
    }
    long requestDelay;
    long responseDelay;
    boolean lost;
    synchronized (random) {
      lost = config.lossProbability > 0 && random.nextDouble() < config.lossProbability;
      requestDelay = config.requestDelayNanos + jitter();
      responseDelay = config.responseDelayNanos + jitter();
    }
    if (lost) {
      return;
    }
    long clientTransmit = NtpWire.getLong(buf, 40);
    long arrivalTruth = arrivalWall + requestDelay + offsetNanos;
    long sendAtTicker = arrivalTicker + requestDelay + responseDelay;
    Runnable reply = () -> reply(client, clientTransmit, arrivalTruth, responseDelay);
    long wait = sendAtTicker - System.nanoTime();
    try {
      if (wait <= 0) {
        scheduler.execute(reply);
      } else {
        scheduler.schedule(reply, wait, TimeUnit.NANOSECONDS);
      }
    } catch (RuntimeException e) {
      // shutting down
    }
  }

  private long jitter() {
    return config.jitterNanos <= 0 ? 0 : (long) (random.nextDouble() * config.jitterNanos);
  }

  private void reply(
      InetSocketAddress client, long clientTransmit, long receiveTruth, long responseDelay) {
    if (closed) {
      return;
    }
    long transmitTruth =
        Math.max(receiveTruth, hostClock.getAsLong() - responseDelay + offsetNanos);
    byte[] out;
    if (config.garbageLength >= 0) {
      out = new byte[config.garbageLength];
      synchronized (random) {
        random.nextBytes(out);
      }
    } else {
      out = encodeReply(clientTransmit, receiveTruth, transmitTruth);
      if (config.truncateTo >= 0 && config.truncateTo < out.length) {
        byte[] cut = new byte[config.truncateTo];
        System.arraycopy(out, 0, cut, 0, cut.length);
        out = cut;
      }
    }
    DatagramChannel from = wrongPortChannel != null ? wrongPortChannel : channel;
    send(from, out, client);
    for (int i = 0; i < config.floodReplies; i++) {
      send(from, out, client); // duplicates of the genuine reply
      byte[] bogus = out.clone();
      synchronized (random) {
        NtpWire.putLong(bogus, 24, random.nextLong()); // and replies to requests never sent
      }
      send(from, bogus, client);
    }
  }

  private void send(DatagramChannel from, byte[] data, InetSocketAddress to) {
    try {
      if (from.send(ByteBuffer.wrap(data), to) > 0) {
        repliesSent.incrementAndGet();
      }
    } catch (IOException e) {
      // closed or unreachable: a test server just drops it
    }
  }

  private byte[] encodeReply(long clientTransmit, long receiveTruth, long transmitTruth) {
    byte[] b = new byte[NtpWire.HEADER_LENGTH];
    boolean kiss = config.kissCode != null;
    int leap = kiss ? 3 : config.leap;
    int stratum = kiss ? 0 : config.stratum;
    b[0] = (byte) ((leap << 6) | ((config.version & 7) << 3) | (config.mode & 7));
    b[1] = (byte) stratum;
    b[2] = 6; // poll
    b[3] = (byte) -20; // precision ~1 us
    NtpWire.putInt(b, 4, NtpWire.toShort(config.rootDelayNanos));
    NtpWire.putInt(b, 8, NtpWire.toShort(config.rootDispersionNanos));
    NtpWire.putInt(b, 12, NtpWire.kissCode(kiss ? config.kissCode : config.referenceId));
    NtpWire.putLong(b, 16, NtpWire.toNtp(receiveTruth - 16 * NANOS_PER_MILLI)); // reference time
    long origin = config.wrongOrigin ? clientTransmit ^ 0x5A5A_5A5A_0000_0001L : clientTransmit;
    NtpWire.putLong(b, 24, origin);
    NtpWire.putLong(b, 32, config.zeroTimestamps ? 0L : NtpWire.toNtp(receiveTruth));
    NtpWire.putLong(b, 40, config.zeroTimestamps ? 0L : NtpWire.toNtp(transmitTruth));
    return b;
  }

  /** Configuration of a {@link TestNtpServer}; {@link #start()} binds and starts it. */
  public static final class Builder {
    private long offsetNanos;
    private long requestDelayNanos;
    private long responseDelayNanos;
    private long jitterNanos;
    private long seed = 42;
    private double lossProbability;
    private boolean silent;
    private String kissCode;
    private int stratum = 1;
    private int leap;
    private int version = 4;
    private int mode = 4;
    private String referenceId = "GPS";
    private long rootDelayNanos;
    private long rootDispersionNanos;
    private boolean wrongOrigin;
    private boolean zeroTimestamps;
    private int garbageLength = -1;
    private int truncateTo = -1;
    private boolean replyFromWrongPort;
    private int floodReplies;
    private long rateLimitNanos;
    private int port;
    private InetAddress bindAddress = LOOPBACK_V4;
    private LongSupplier hostClock;

    private Builder() {}

    /**
     * Answers at most one request per {@code minSpacing} from one client address and drops the
     * rest, as ntpd's default limit (packets closer than 2 s) and chronyd's {@code ratelimit
     * interval 1 burst 1} do (without chronyd's random leak). Dropped requests are counted ({@link
     * TestNtpServer#rateLimitedRequests()}).
     */
    public Builder rateLimit(Duration minSpacing) {
      this.rateLimitNanos = nonNegative(minSpacing, "rateLimit");
      return this;
    }

    /** Server time = host raw wall time + offset. */
    public Builder offset(Duration offset) {
      this.offsetNanos = offset.toNanos();
      return this;
    }

    /** Same one-way delay both ways. */
    public Builder delay(Duration oneWay) {
      return requestDelay(oneWay).responseDelay(oneWay);
    }

    public Builder requestDelay(Duration d) {
      this.requestDelayNanos = nonNegative(d, "requestDelay");
      return this;
    }

    public Builder responseDelay(Duration d) {
      this.responseDelayNanos = nonNegative(d, "responseDelay");
      return this;
    }

    /** Up to this much extra delay, uniform, drawn independently for each direction. */
    public Builder jitter(Duration maxExtraEachWay) {
      this.jitterNanos = nonNegative(maxExtraEachWay, "jitter");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Probability (0..1) that a request goes unanswered. */
    public Builder lossProbability(double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("lossProbability must be in 0..1: " + p);
      }
      this.lossProbability = p;
      return this;
    }

    /** Receive and count requests but never answer. */
    public Builder silent(boolean silent) {
      this.silent = silent;
      return this;
    }

    /** Answer with a Kiss-o'-Death packet (stratum 0, leap 3) carrying this code, e.g. "RATE". */
    public Builder kissCode(String code) {
      Objects.requireNonNull(code, "code");
      if (code.isEmpty() || code.length() > 4) {
        throw new IllegalArgumentException("kiss code must be 1..4 ASCII letters: " + code);
      }
      this.kissCode = code;
      return this;
    }

    public Builder stratum(int stratum) {
      if (stratum < 0 || stratum > 255) {
        throw new IllegalArgumentException("stratum out of 0..255: " + stratum);
      }
      this.stratum = stratum;
      return this;
    }

    /** Leap indicator 0..3 (3 = unsynchronised alarm). */
    public Builder leap(int leap) {
      if (leap < 0 || leap > 3) {
        throw new IllegalArgumentException("leap out of 0..3: " + leap);
      }
      this.leap = leap;
      return this;
    }

    public Builder version(int version) {
      this.version = version;
      return this;
    }

    public Builder mode(int mode) {
      this.mode = mode;
      return this;
    }

    /** Reference id text for stratum 1 (e.g. "GPS"); up to 4 ASCII characters. */
    public Builder referenceId(String id) {
      this.referenceId = Objects.requireNonNull(id, "id");
      return this;
    }

    public Builder rootDelay(Duration d) {
      this.rootDelayNanos = nonNegative(d, "rootDelay");
      return this;
    }

    public Builder rootDispersion(Duration d) {
      this.rootDispersionNanos = nonNegative(d, "rootDispersion");
      return this;
    }

    /** Echo a wrong origin timestamp (a spoofed or stale reply). */
    public Builder wrongOrigin(boolean wrong) {
      this.wrongOrigin = wrong;
      return this;
    }

    /** Send zero receive and transmit timestamps. */
    public Builder zeroTimestamps(boolean zero) {
      this.zeroTimestamps = zero;
      return this;
    }

    /** Answer with this many random bytes instead of an NTP packet. */
    public Builder garbage(int length) {
      if (length < 0) {
        throw new IllegalArgumentException("garbage length must be >= 0: " + length);
      }
      this.garbageLength = length;
      return this;
    }

    /** Send only the first {@code length} bytes of a genuine reply. */
    public Builder truncateTo(int length) {
      if (length < 0) {
        throw new IllegalArgumentException("truncate length must be >= 0: " + length);
      }
      this.truncateTo = length;
      return this;
    }

    /** Send replies from a different local port than the one queried. */
    public Builder replyFromWrongPort(boolean wrongPort) {
      this.replyFromWrongPort = wrongPort;
      return this;
    }

    /**
     * After each reply also send {@code n} duplicates of it and {@code n} replies with random
     * origins.
     */
    public Builder floodReplies(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("floodReplies must be >= 0: " + n);
      }
      this.floodReplies = n;
      return this;
    }

    /** UDP port to bind; 0 (default) picks a free ephemeral port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Address to bind; default 127.0.0.1 (e.g. {@code ::1} for IPv6 tests). */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * The host raw wall clock (epoch nanos) this server's truth is based on; default: the system
     * clock.
     */
    public Builder hostClock(LongSupplier epochNanos) {
      this.hostClock = epochNanos;
      return this;
    }

    public TestNtpServer start() throws IOException {
      return new TestNtpServer(this);
    }

    private Builder copy() {
      Builder c = new Builder();
      c.offsetNanos = offsetNanos;
      c.requestDelayNanos = requestDelayNanos;
      c.responseDelayNanos = responseDelayNanos;
      c.jitterNanos = jitterNanos;
      c.seed = seed;
      c.lossProbability = lossProbability;
      c.silent = silent;
      c.kissCode = kissCode;
      c.stratum = stratum;
      c.leap = leap;
      c.version = version;
      c.mode = mode;
      c.referenceId = referenceId;
      c.rootDelayNanos = rootDelayNanos;
      c.rootDispersionNanos = rootDispersionNanos;
      c.wrongOrigin = wrongOrigin;
      c.zeroTimestamps = zeroTimestamps;
      c.garbageLength = garbageLength;
      c.truncateTo = truncateTo;
      c.replyFromWrongPort = replyFromWrongPort;
      c.floodReplies = floodReplies;
      c.rateLimitNanos = rateLimitNanos;
      c.port = port;
      c.bindAddress = bindAddress;
      c.hostClock = hostClock;
      return c;
    }

    private static long nonNegative(Duration d, String what) {
      long n = d.toNanos();
      if (n < 0) {
        throw new IllegalArgumentException(what + " must not be negative: " + d);
      }
      return n;
    }
  }
}
