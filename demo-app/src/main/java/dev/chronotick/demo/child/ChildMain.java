package dev.chronotick.demo.child;

import com.example.legacy.LegacyApp;

/**
 * Main class of the demo's child JVM: reports ChronoTick's own view once, keeps reporting it from a
 * daemon thread, and runs the unmodified {@link LegacyApp} on the main thread.
 *
 * <p>Arguments: {@code <interval millis> <duration millis>}, passed on to the legacy app.
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    long intervalMillis = args.length > 0 ? Long.parseLong(args[0]) : 500;
    ChronoTickProbe probe = new ChronoTickProbe(System.out);
    probe.warmUp();
    probe.reportOnce();
    Thread thread = new Thread(() -> probe.reportEvery(intervalMillis), "chronotick-demo-probe");
    thread.setDaemon(true);
    thread.start();
    LegacyApp.main(args);
    probe.reportOnce();
    System.out.flush();
  }
}
