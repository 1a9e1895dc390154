package dev.chronotick.source.host;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.discipline.BackgroundCollector;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.runtime.NtpRoundSource;
import dev.chronotick.time.Ticker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JVM with host sharing on, for {@link HostShareIT}: args are the host directory and the NTP
 * server. On "Q" it prints {@code S pid role status offsetNanos ownPolls backwards term}; a sampler
 * counts corrected readings that went back.
 */
public final class HostShareChild {
  public static void main(String[] args) throws Exception {
    ChronoTickOptions options =
        OptionsLoader.empty()
            .agentArgument("servers=" + args[1] + ",pollInterval=1s,samples=1")
            .load();
    AtomicLong ownPolls = new AtomicLong();
    AtomicReference<NtpRoundSource> ntp = new AtomicReference<>();
    RoundSource counted =
        () -> {
          ownPolls.incrementAndGet();
          return ntp.updateAndGet(n -> n != null ? n : NtpRoundSource.fromOptions(options)).poll();
        };
    PollIntervalPolicy policy = (last, status) -> java.time.Duration.ofSeconds(1);
    AtomicReference<ClockEngine> engineRef = new AtomicReference<>();
    HostShareSource host =
        new HostShareSource(
            new HostFiles(Paths.get(args[0])),
            counted,
            policy,
            () -> engineRef.get() == null ? null : engineRef.get().current(),
            () -> 0,
            () -> System.currentTimeMillis() * 1_000_000L,
            Ticker.system());
    ClockEngine engine =
        new ClockEngine(
            dev.chronotick.runtime.StageSettings.from(options).discipline(host),
            () -> System.currentTimeMillis() * 1_000_000L,
            Ticker.system(),
            state -> {});
    engineRef.set(engine);
    new BackgroundCollector(engine, host, null, "host-child").start();
    AtomicLong backwards = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              long last = Long.MIN_VALUE;
              while (true) {
                long raw = System.currentTimeMillis() * 1_000_000L;
                PublishedClock p = engine.current();
                if (p.status() != PublishedClock.STATUS_UNSYNCHRONIZED) {
                  long c = p.correctEpochNanos(raw);
                  if (c < last) {
                    backwards.incrementAndGet();
                  }
                  last = Math.max(last, c);
                }
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "sampler");
    sampler.setDaemon(true);
    sampler.start();
    System.out.println("READY " + ProcessHandle.current().pid());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("Q")) {
        PublishedClock p = engine.current();
        long raw = System.currentTimeMillis() * 1_000_000L;
        HostState read = host.lastRead();
        System.out.println(
            "S "
                + ProcessHandle.current().pid()
                + " "
                + host.role()
                + " "
                + p.status()
                + " "
                + p.offsetNanosAt(raw)
                + " "
                + ownPolls.get()
                + " "
                + backwards.get()
                + " "
                + (read == null ? 0 : read.term())
                + " "
                + p.errorNanosAt(raw));
      } else if (line.equals("X")) {
        break;
      }
    }
    host.close();
    System.exit(0);
  }
}
