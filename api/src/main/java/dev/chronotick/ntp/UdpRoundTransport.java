package dev.chronotick.ntp;

import dev.chronotick.metrics.Counter;
import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.metrics.Counters;
import dev.chronotick.nts.KeOutcome;
import dev.chronotick.nts.NtsAead;
import dev.chronotick.nts.NtsAeads;
import dev.chronotick.nts.NtsExtensionFields;
import dev.chronotick.nts.NtsKeys;
import dev.chronotick.nts.NtsSession;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll round over UDP: every server and every sample in flight at once, on the calling thread,
 * with one non-blocking {@link DatagramChannel} and a {@link Selector}.
 *
 * <p>The round's time is the slowest answer (or the timeout), not the sum, and 100 servers cost no
 * more threads than one. Each round opens its own channel on a fresh ephemeral port and closes it
 * afterwards, so a late or spoofed reply to an old round cannot reach a new one. A reply is taken
 * only when its origin timestamp is one of our random transmit timestamps still outstanding
 * <em>and</em> it comes from the address and port that request went to; everything else is ignored
 * and counted ({@link #counters()}).
 *
 * <p>Host names are resolved per round on a small shared pool of daemon threads whose idle threads
 * exit after {@value #RESOLVER_KEEP_ALIVE_SECONDS} s; a server's requests go out as soon as its own
 * name resolves, so a slow name delays only itself, and a name that has not resolved within the
 * round's timeout is that server's {@link RejectReason#UNRESOLVABLE}. IP literals never touch DNS.
 *
 * <p>An NTS server ({@code nts://}) takes part in the same round: while its session has keys and
 * cookies its requests carry a unique identifier, one cookie, placeholders for the cookies it lacks
 * and an authenticator, and a reply counts only when its unique identifier matches and its
 * authenticator verifies ({@link NtsClient}); otherwise, as with DNS, its key exchange runs on the
 * resolver pool and the server waits for it at most the key exchange's deadline. An NTS server
 * never falls back to unauthenticated NTP.
 *
 * <p>With {@code parallel = false} the same exchanges run one after another (for comparison).
 *
 * <p>Thread-safety: rounds may be run from several threads; each has its own channel and state.
 */
public final class UdpRoundTransport implements RoundTransport {
  private static final Logger log = LoggerFactory.getLogger(UdpRoundTransport.class);

  /** Receive buffer: an NTP header plus extension fields (an NTS reply with eight cookies). */
  static final int RECEIVE_BUFFER_BYTES = 4096;

  /**
   * Socket receive buffer requested so a burst of replies from 100 servers is not dropped by the
   * kernel.
   */
  static final int SOCKET_RECEIVE_BUFFER_BYTES = 1 << 18;

  static final int RESOLVER_THREADS = 8;
  static final int RESOLVER_KEEP_ALIVE_SECONDS = 2;

  /**
   * A wall-clock reading is bracketed by two ticker readings; if they are further apart than this
   * the thread was descheduled in between and the pair is read again (T1/T4 must describe the same
   * instant as the ticker readings the delay is computed from).
   */
  static final long MAX_STAMP_SPREAD_NANOS = 50_000L;

  private static final int STAMP_ATTEMPTS = 4;

  /** Retry interval when the kernel's send buffer is momentarily full. */
  private static final long SEND_RETRY_NANOS = 1_000_000L;

  private static final Object RESOLVER_LOCK = new Object();
  private static ExecutorService resolverPool;

  private final WallClock wallClock;
  private final Ticker ticker;
  private final HostResolver resolver;
  private final Random random;
  private final NtsClient nts;

  private final Counters counters;
  private final Counter rounds;
  private final Counter requestsSent;
  private final Counter repliesMatched;
  private final Counter timeouts;
  private final Counter unresolvable;
  private final Counter networkErrors;
  private final Counter droppedWrongSource;
  private final Counter droppedBogusOrigin;
  private final Counter droppedMalformed;

  /** Raw wall clock and monotonic ticker; JDK resolver; kernel-random transmit timestamps. */
  public UdpRoundTransport(WallClock wallClock, Ticker ticker) {
    this(wallClock, ticker, Counters.create().stage("ntp"));
  }

  /**
   * @param counters this stage's view of the counter registry ({@code ntp.*})
   */
  public UdpRoundTransport(WallClock wallClock, Ticker ticker, Counters counters) {
    this(wallClock, ticker, HostResolver.system(), KernelRandom.create(), counters);
  }

  public UdpRoundTransport(
      WallClock wallClock, Ticker ticker, HostResolver resolver, Random random) {
    this(wallClock, ticker, resolver, random, NtsClient.defaults(), Counters.create().stage("ntp"));
  }

  /** Raw clocks, JDK resolver, kernel randomness, and {@code nts} for {@code nts://} servers. */
  public UdpRoundTransport(WallClock wallClock, Ticker ticker, NtsClient nts) {
    this(wallClock, ticker, nts, Counters.create().stage("ntp"));
  }

  /** As above, counting into {@code counters} ({@code ntp.*}). */
  public UdpRoundTransport(WallClock wallClock, Ticker ticker, NtsClient nts, Counters counters) {
    this(wallClock, ticker, HostResolver.system(), KernelRandom.create(), nts, counters);
  }

  /** Kernel randomness, {@code resolver} for host names, {@code nts} for {@code nts://} servers. */
  public UdpRoundTransport(
      WallClock wallClock, Ticker ticker, HostResolver resolver, NtsClient nts, Counters counters) {
    this(wallClock, ticker, resolver, KernelRandom.create(), nts, counters);
  }

  public UdpRoundTransport(
      WallClock wallClock, Ticker ticker, HostResolver resolver, Random random, Counters counters) {
    this(wallClock, ticker, resolver, random, NtsClient.defaults(), counters);
  }

  /** With the given NTS client (trust store, key-exchange deadlines) for {@code nts://} servers. */
  public UdpRoundTransport(
      WallClock wallClock, Ticker ticker, HostResolver resolver, Random random, NtsClient nts) {
    this(wallClock, ticker, resolver, random, nts, Counters.create().stage("ntp"));
  }

  /** As above, counting into {@code counters} ({@code ntp.*}). */
  public UdpRoundTransport(
      WallClock wallClock,
      Ticker ticker,
      HostResolver resolver,
      Random random,
      NtsClient nts,
      Counters counters) {
    this.nts = Objects.requireNonNull(nts, "nts");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.random = Objects.requireNonNull(random, "random");
    this.counters = Objects.requireNonNull(counters, "counters");
    // rounds, requests sent, replies matched by origin and source, timeouts, exchanges that ended
    // UNRESOLVABLE, network errors; datagrams ignored: from an address we did not ask, with an
    // origin
    // timestamp matching no outstanding request, too short to carry one
    this.rounds = counters.counter("rounds");
    this.requestsSent = counters.counter("requestsSent");
    this.repliesMatched = counters.counter("repliesMatched");
    this.timeouts = counters.counter("timeouts");
    this.unresolvable = counters.counter("unresolvable");
    this.networkErrors = counters.counter("networkErrors");
    this.droppedWrongSource = counters.counter("droppedWrongSource");
    this.droppedBogusOrigin = counters.counter("droppedBogusOrigin");
    this.droppedMalformed = counters.counter("droppedMalformed");
  }

  /** The NTS sessions (per-server keys, cookies, key-exchange history). */
  public NtsClient nts() {
    return nts;
  }

  /** This transport's counters ({@code ntp.*}) now. */
  public CounterSnapshot counters() {
    return counters.stageSnapshot();
  }

  @Override
  public List<ExchangeResult> exchange(RoundRequest request) {
    rounds.increment();
    Round round = new Round(request);
    try {
      round.run();
    } catch (IOException | RuntimeException e) {
      // never out of the engine: whatever is still open ends as a network error with the message
      round.failRemaining(describe(e));
    } finally {
      round.close();
    }
    return round.results();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static ExecutorService resolverPool() {
    synchronized (RESOLVER_LOCK) {
      if (resolverPool == null) {
        ThreadPoolExecutor pool =
            new ThreadPoolExecutor(
                RESOLVER_THREADS,
                RESOLVER_THREADS,
                RESOLVER_KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new ResolverThreads());
        pool.allowCoreThreadTimeOut(true);
        resolverPool = pool;
      }
      return resolverPool;
    }
  }

  /** Compares endpoints, treating an IPv4-mapped IPv6 source as the IPv4 address it maps. */
  static boolean sameEndpoint(SocketAddress received, InetSocketAddress expected) {
    if (!(received instanceof InetSocketAddress)) {
      return false;
    }
    InetSocketAddress r = (InetSocketAddress) received;
    if (r.getPort() != expected.getPort()) {
      return false;
    }
    return normalize(r.getAddress()).equals(normalize(expected.getAddress()));
  }

  private static InetAddress normalize(InetAddress a) {
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = b[i] == 0;
      }
      if (mapped && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) {
        try {
          return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          return a;
        }
      }
      try {
        return InetAddress.getByAddress(b); // drop scope for comparison
      } catch (UnknownHostException e) {
        return a;
      }
    }
    return a;
  }

  // Named classes, not lambdas: the first round (server names, NTS) runs before the
  // application's main, where each lambda would be linked (a class spun) first.

  /** The resolver pool's daemon threads, {@code chronotick-dns-<n>}. */
  private static final class ResolverThreads implements ThreadFactory {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "chronotick-dns-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /** Resolves one host name on the resolver pool. */
  private static final class Lookup implements Supplier<InetAddress[]> {
    private final HostResolver resolver;
    private final String host;

    Lookup(HostResolver resolver, String host) {
      this.resolver = resolver;
      this.host = host;
    }

    @Override
    public InetAddress[] get() {
      try {
        return resolver.resolve(host);
      } catch (UnknownHostException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }
  }

  /** Wakes the round's selector when a look-up or key exchange completes, however it ends. */
  private static final class Wakeup implements BiConsumer<Object, Throwable> {
    private final Selector selector;

    Wakeup(Selector selector) {
      this.selector = selector;
    }

    @Override
    public void accept(Object result, Throwable failure) {
      selector.wakeup();
    }
  }

  /** One server within a round: its resolution and its ignored-datagram tally. */
  private static final class Server {
    final ServerAddress address;
    InetSocketAddress target;
    CompletableFuture<InetAddress[]> lookup;
    long resolveDeadline;
    long readyAt;
    boolean failed;
    int wrongSource;

    /** NTS: the session, this round's keys, and whether the server waits for a key exchange. */
    NtsSession session;

    NtsAead c2s;
    NtsAead s2c;
    boolean ntsWaiting;

    Server(ServerAddress address) {
      this.address = address;
    }
  }

  /** One exchange slot: the {@code sample}-th request to {@code server}. */
  private static final class Slot {
    final Server server;
    final int sample;
    long sendAt = Long.MIN_VALUE; // valid once scheduled
    boolean scheduled;
    NtpRequest request;

    /** NTS: the request's unique identifier. */
    byte[] uniqueId;

    long deadline;
    long doneAt;
    ExchangeResult result;

    /** The same server's next sample, or null. */
    Slot next;

    Slot(Server server, int sample) {
      this.server = server;
      this.sample = sample;
    }
  }

  private final class Round {
    final RoundRequest request;
    final long timeoutNanos;
    final long spacingNanos;
    final List<Server> servers = new ArrayList<>();
    final List<Slot> slots = new ArrayList<>();
    final Map<Long, Slot> outstanding = new HashMap<>();
    int open;
    DatagramChannel channel;
    Selector selector;
    int sequentialCursor;

    /** Slots not yet sent and not yet finished: while zero, the send scans are skipped. */
    int unsent;

    /**
     * Transmit timestamps for this round, drawn in one call (a SecureRandom call per request costs
     * µs).
     */
    ByteBuffer nonces;

    long stampWall;
    long stampTicker;

    /** Reads the wall clock and the ticker as one consistent pair into stampWall / stampTicker. */
    void stamp() {
      long bestSpread = Long.MAX_VALUE;
      for (int i = 0; i < STAMP_ATTEMPTS; i++) {
        long before = ticker.nanos();
        long wall = wallClock.epochNanos();
        long after = ticker.nanos();
        long spread = after - before;
        if (spread < bestSpread) {
          bestSpread = spread;
          stampWall = wall;
          stampTicker = before + spread / 2;
        }
        if (spread <= MAX_STAMP_SPREAD_NANOS) {
          return;
        }
      }
    }

    Round(RoundRequest request) {
      this.request = request;
      this.timeoutNanos = Math.max(0, request.timeout().toNanos());
      this.spacingNanos = Math.max(0, request.sampleSpacing().toNanos());
      for (ServerAddress a : request.servers()) {
        Server s = new Server(a);
        servers.add(s);
        Slot previous = null;
        for (int k = 0; k < request.samplesPerServer(); k++) {
          Slot slot = new Slot(s, k);
          if (previous != null) {
            previous.next = slot;
          }
          slots.add(slot);
          previous = slot;
        }
      }
      open = slots.size();
      unsent = slots.size();
    }

    long nextTransmitTimestamp() {
      if (nonces == null || nonces.remaining() < Long.BYTES) {
        byte[] bytes = new byte[Long.BYTES * Math.max(1, Math.min(unsent, 512))];
        random.nextBytes(bytes);
        nonces = ByteBuffer.wrap(bytes);
      }
      long value = nonces.getLong();
      return value == 0L ? NtpPacketCodec.randomTransmitTimestamp(random) : value;
    }

    void run() throws IOException {
      if (slots.isEmpty()) {
        return;
      }
      selector = Selector.open();
      channel = DatagramChannel.open();
      channel.configureBlocking(false);
      try {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_RECEIVE_BUFFER_BYTES);
      } catch (IOException | UnsupportedOperationException e) {
        log.debug("could not enlarge receive buffer: {}", e.toString());
      }
      channel.bind(null); // ephemeral port, new every round
      channel.register(selector, SelectionKey.OP_READ);
      long start = ticker.nanos();
      startResolution(start);
      ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER_BYTES);
      while (open > 0) {
        long now = ticker.nanos();
        checkResolutions(now);
        long nextWake = Long.MAX_VALUE;
        if (unsent > 0) {
          schedule(now);
          nextWake = sendDue(now);
        }
        nextWake = Math.min(nextWake, expire(ticker.nanos()));
        if (open == 0) {
          break;
        }
        long waitNanos = nextWake - ticker.nanos();
        int ready;
        if (waitNanos <= 0) {
          ready = selector.selectNow();
        } else {
          long waitMillis = Math.max(1, (waitNanos + 999_999) / 1_000_000);
          ready = selector.select(Math.min(waitMillis, 1000));
        }
        if (ready > 0) {
          selector.selectedKeys().clear();
        }
        receiveAll(buffer);
        if (Thread.currentThread().isInterrupted()) {
          failRemaining("interrupted");
          return;
        }
      }
    }

    private void startResolution(long now) {
      for (Server s : servers) {
        if (s.address.isNts()) {
          startNts(s, now);
          continue;
        }
        InetAddress literal = IpLiterals.parse(s.address.host());
        if (literal != null) {
          s.target = new InetSocketAddress(literal, s.address.port());
          s.readyAt = now;
        } else if (IpLiterals.looksLikeLiteral(s.address.host())) {
          failServer(
              s, RejectReason.UNRESOLVABLE, "invalid IP literal '" + s.address.host() + "'", now);
        } else {
          String host = s.address.host();
          s.resolveDeadline = now + timeoutNanos;
          Selector sel = selector;
          try {
            s.lookup = CompletableFuture.supplyAsync(new Lookup(resolver, host), resolverPool());
            s.lookup.whenComplete(new Wakeup(sel));
          } catch (RuntimeException e) {
            failServer(s, RejectReason.UNRESOLVABLE, describe(e), now);
          }
        }
      }
    }

    private void startNts(Server s, long now) {
      String unavailable = nts.unavailableReason();
      if (unavailable != null) {
        failServer(s, RejectReason.NTS_KE_FAILED, unavailable, now);
        return;
      }
      s.session = nts.session(s.address);
      if (s.session.ready()) {
        ntsReady(s, now);
        return;
      }
      CompletableFuture<?> ke =
          nts.startKeIfDue(s.address, s.session, resolverPool(), resolver, ticker);
      if (ke == null) {
        failServer(s, RejectReason.NTS_KE_FAILED, keFailureDetail(s.session, now), now);
        return;
      }
      // a round that needs a key exchange waits for it (rarely: once per jar of cookies)
      s.ntsWaiting = true;
      s.resolveDeadline = now + Math.max(timeoutNanos, nts.keTimeoutNanos());
      Selector sel = selector;
      ke.whenComplete(new Wakeup(sel));
    }

    private String keFailureDetail(NtsSession session, long now) {
      KeOutcome last = session.lastFailure();
      String what =
          last == null
              ? "no key exchange yet"
              : "key exchange failed: " + last.failure() + " (" + last.detail() + ")";
      long wait = session.backoffLeft(now);
      return what
          + (wait > 0 ? "; next attempt in " + (wait + 999_999_999L) / 1_000_000_000L + " s" : "");
    }

    private void ntsReady(Server s, long now) {
      NtsKeys keys = s.session.keys();
      InetSocketAddress target = s.session.ntpTarget();
      if (keys == null || target == null) {
        failServer(s, RejectReason.NTS_KE_FAILED, "no keys", now);
        return;
      }
      s.c2s = NtsAeads.of(keys.aead(), keys.c2s());
      s.s2c = NtsAeads.of(keys.aead(), keys.s2c());
      s.target = target;
      s.readyAt = now;
      s.ntsWaiting = false;
    }

    private void checkNts(Server s, long now) {
      if (s.session.ready()) {
        ntsReady(s, now);
      } else if (s.session.pending() == null) {
        failServer(s, RejectReason.NTS_KE_FAILED, keFailureDetail(s.session, now), now);
      } else if (now - s.resolveDeadline >= 0) {
        failServer(
            s,
            RejectReason.NTS_KE_FAILED,
            "key exchange with "
                + s.address
                + " not complete within "
                + Math.max(request.timeout().toMillis(), nts.keTimeoutNanos() / 1_000_000)
                + " ms (it goes on)",
            now);
      }
    }

    private void checkResolutions(long now) {
      for (Server s : servers) {
        if (s.ntsWaiting && !s.failed) {
          checkNts(s, now);
          continue;
        }
        if (s.lookup == null || s.target != null || s.failed) {
          continue;
        }
        if (s.lookup.isDone()) {
          InetAddress[] addresses;
          try {
            addresses = s.lookup.join();
          } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failServer(
                s,
                RejectReason.UNRESOLVABLE,
                "cannot resolve '"
                    + s.address.host()
                    + "': "
                    + (cause.getMessage() == null
                        ? cause.getClass().getSimpleName()
                        : cause.getMessage()),
                now);
            continue;
          }
          if (addresses == null || addresses.length == 0 || addresses[0] == null) {
            failServer(
                s, RejectReason.UNRESOLVABLE, "no address for '" + s.address.host() + "'", now);
            continue;
          }
          s.target = new InetSocketAddress(addresses[0], s.address.port());
          s.readyAt = now;
        } else if (now - s.resolveDeadline >= 0) {
          s.lookup.cancel(false);
          failServer(
              s,
              RejectReason.UNRESOLVABLE,
              "'"
                  + s.address.host()
                  + "' did not resolve within "
                  + request.timeout().toMillis()
                  + " ms",
              now);
        }
      }
    }

    /** Gives every slot whose turn has come a send time. */
    private void schedule(long now) {
      if (request.parallel()) {
        for (Slot slot : slots) {
          if (!slot.scheduled && slot.result == null && slot.server.target != null) {
            slot.sendAt = slot.server.readyAt + slot.sample * spacingNanos;
            slot.scheduled = true;
          }
        }
        return;
      }
      // sequential: the next slot may go once the previous one is done
      while (sequentialCursor < slots.size()) {
        Slot slot = slots.get(sequentialCursor);
        if (slot.result != null) {
          sequentialCursor++;
          continue;
        }
        if (!slot.scheduled && slot.server.target != null) {
          long after = now;
          if (sequentialCursor > 0) {
            Slot previous = slots.get(sequentialCursor - 1);
            after = previous.doneAt + (previous.server == slot.server ? spacingNanos : 0);
          }
          slot.sendAt = after;
          slot.scheduled = true;
        }
        break;
      }
    }

    /** Sends what is due; returns when the next scheduled send is due (or Long.MAX_VALUE). */
    private long sendDue(long now) throws IOException {
      long next = Long.MAX_VALUE;
      for (Slot slot : slots) {
        if (!slot.scheduled || slot.request != null || slot.result != null) {
          continue;
        }
        if (slot.sendAt - now > 0) {
          next = Math.min(next, slot.sendAt);
          continue;
        }
        if (!send(slot)) {
          next = Math.min(next, ticker.nanos() + SEND_RETRY_NANOS);
        }
      }
      return next;
    }

    private boolean send(Slot slot) {
      long xmt;
      do {
        xmt = nextTransmitTimestamp();
      } while (outstanding.containsKey(xmt));
      byte[] header = NtpPacketCodec.encodeRequest(xmt);
      if (slot.server.address.isNts()) {
        NtsSession session = slot.server.session;
        int before = session.cookiesLeft();
        byte[] cookie = session.takeCookie();
        if (cookie == null) {
          finish(
              slot,
              ExchangeResult.rejected(
                  slot.server.address,
                  RejectReason.NTS_KE_FAILED,
                  "no cookie left; a new key exchange follows"),
              ticker.nanos());
          return true;
        }
        // ask for as many cookies as bring the jar back to full
        int placeholders =
            Math.max(0, Math.min(NtsSession.JAR_SIZE - 1, NtsSession.JAR_SIZE - before));
        byte[] uid = new byte[NtsExtensionFields.UNIQUE_ID_BYTES];
        byte[] nonce = new byte[slot.server.c2s.nonceLength()];
        random.nextBytes(uid);
        random.nextBytes(nonce);
        header =
            NtsExtensionFields.request(header, uid, cookie, placeholders, slot.server.c2s, nonce);
        slot.uniqueId = uid;
      }
      ByteBuffer packet = ByteBuffer.wrap(header);
      stamp();
      long t1 = stampWall;
      long sentAt = stampTicker;
      int written;
      try {
        written = channel.send(packet, slot.server.target);
      } catch (IOException | RuntimeException e) {
        if (e instanceof java.nio.channels.ClosedChannelException) {
          throw new IllegalStateException("channel closed", e);
        }
        networkErrors.increment();
        finish(
            slot,
            ExchangeResult.rejected(
                slot.server.address,
                RejectReason.NETWORK_ERROR,
                "send to " + slot.server.target + " failed: " + describe(e)),
            ticker.nanos());
        return true;
      }
      if (written == 0) {
        return false; // kernel buffer full: try again shortly
      }
      slot.request = new NtpRequest(slot.server.address, xmt, t1, sentAt);
      Slot following = slot.next;
      if (following != null && following.request == null && following.result == null) {
        // the spacing counts from when this sample really went out: a late send never squeezes the
        // next
        following.sendAt = Math.max(following.sendAt, sentAt + spacingNanos);
      }
      slot.deadline = sentAt + timeoutNanos;
      unsent--;
      outstanding.put(xmt, slot);
      requestsSent.increment();
      return true;
    }

    private void receiveAll(ByteBuffer buffer) throws IOException {
      while (true) {
        buffer.clear();
        SocketAddress from = channel.receive(buffer);
        if (from == null) {
          return;
        }
        stamp();
        long t4 = stampWall;
        long receivedAt = stampTicker;
        int length = buffer.position();
        byte[] data = buffer.array();
        if (length < NtpPacketCodec.ORIGIN_OFFSET + 8) {
          droppedMalformed.increment();
          continue;
        }
        long origin = NtpPacketCodec.originTimestamp(data, 0, length);
        Slot slot = outstanding.get(origin);
        if (slot == null) {
          droppedBogusOrigin.increment();
          continue;
        }
        if (!sameEndpoint(from, slot.server.target)) {
          droppedWrongSource.increment();
          slot.server.wrongSource++;
          log.debug("ignored reply for {} from {}", slot.server.target, from);
          continue;
        }
        outstanding.remove(origin);
        repliesMatched.increment();
        if (slot.server.address.isNts()) {
          ExchangeResult refused = verifyNts(slot, data, length);
          if (refused != null) {
            finish(slot, refused, receivedAt);
            continue;
          }
        }
        finish(
            slot,
            NtpPacketCodec.decodeReply(slot.request, data, length, t4, receivedAt),
            receivedAt);
      }
    }

    /**
     * Null when the reply's NTS fields verify (its cookies then go to the jar), else the refusal.
     */
    private ExchangeResult verifyNts(Slot slot, byte[] data, int length) {
      NtsExtensionFields.Check check =
          NtsExtensionFields.verifyReply(data, length, slot.uniqueId, slot.server.s2c);
      if (check.failure() == null) {
        slot.server.session.addCookies(check.verified().cookies());
        return null;
      }
      RejectReason reason;
      switch (check.failure()) {
        case NAK:
          slot.server.session.nak();
          reason = RejectReason.NTS_NAK;
          break;
        case UNIQUE_ID_MISMATCH:
          reason = RejectReason.NTS_UNIQUE_ID_MISMATCH;
          break;
        case MALFORMED_EXTENSION:
          reason = RejectReason.NTS_MALFORMED;
          break;
        default:
          reason = RejectReason.NTS_BAD_AUTHENTICATOR;
          break;
      }
      return ExchangeResult.rejected(slot.server.address, reason, check.detail());
    }

    /**
     * Ends exchanges past their deadline; returns the next deadline still ahead (or
     * Long.MAX_VALUE).
     */
    private long expire(long now) {
      long next = Long.MAX_VALUE;
      for (Server s : servers) {
        if ((s.lookup != null || s.ntsWaiting) && s.target == null && !s.failed) {
          next = Math.min(next, s.resolveDeadline);
        }
      }
      for (Slot slot : slots) {
        if (slot.request == null || slot.result != null) {
          continue;
        }
        if (now - slot.deadline < 0) {
          next = Math.min(next, slot.deadline);
        } else {
          outstanding.remove(slot.request.transmitTimestamp());
          timeouts.increment();
          String detail = "no reply within " + request.timeout().toMillis() + " ms";
          if (slot.server.wrongSource > 0) {
            detail += "; " + slot.server.wrongSource + " replies from a wrong source ignored";
          }
          finish(
              slot,
              ExchangeResult.rejected(slot.server.address, RejectReason.TIMEOUT, detail),
              now);
        }
      }
      return next;
    }

    private void failServer(Server s, RejectReason reason, String detail, long now) {
      s.failed = true;
      for (Slot slot : slots) {
        if (slot.server == s && slot.result == null) {
          if (reason == RejectReason.UNRESOLVABLE) {
            unresolvable.increment();
          }
          finish(slot, ExchangeResult.rejected(s.address, reason, detail), now);
        }
      }
    }

    private void finish(Slot slot, ExchangeResult result, long now) {
      if (slot.result == null) {
        if (slot.request == null) {
          unsent--;
        }
        slot.result = result;
        slot.doneAt = now;
        open--;
      }
    }

    void failRemaining(String detail) {
      long now = ticker.nanos();
      for (Slot slot : slots) {
        if (slot.result == null) {
          networkErrors.increment();
          finish(
              slot,
              ExchangeResult.rejected(slot.server.address, RejectReason.NETWORK_ERROR, detail),
              now);
        }
      }
    }

    void close() {
      for (Server s : servers) {
        if (s.lookup != null && !s.lookup.isDone()) {
          s.lookup.cancel(false);
        }
      }
      try {
        if (selector != null) {
          selector.close();
        }
      } catch (IOException e) {
        log.debug("closing selector: {}", e.toString());
      }
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        log.debug("closing channel: {}", e.toString());
      }
    }

    List<ExchangeResult> results() {
      List<ExchangeResult> out = new ArrayList<>(slots.size());
      for (Slot slot : slots) {
        out.add(slot.result);
      }
      return Collections.unmodifiableList(out);
    }
  }
}
