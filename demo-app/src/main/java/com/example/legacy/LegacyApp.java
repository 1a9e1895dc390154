package com.example.legacy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.Date;

/**
 * A stand-in for an application that was never changed for ChronoTick: it reads the time through
 * the six everyday JDK APIs and prints what it sees, one line per reading.
 *
 * <p>It has no ChronoTick import and lives outside {@code dev.chronotick}, so the agent treats it
 * as any application class: its {@code System.currentTimeMillis()} call site is rewritten, the
 * other five are corrected inside the JDK. Besides the six readings each line carries {@code
 * System.nanoTime()} before and after them, which the agent never changes: the demo uses it to line
 * the reading up with its own (uncorrected) clock, so the error is measured without the pipe's
 * latency.
 *
 * <p>Line format (one reading, key=value separated by spaces): {@code tick seq=N nanoTime=..
 * nanoTimeEnd=.. currentTimeMillis=.. date=.. instant=<epoch second>.<nanos> localDateTime=<ISO>
 * clock=.. calendar=..}.
 *
 * <p>Arguments: {@code <interval millis> <duration millis>}.
 */
// It reads the time as unchanged application code does (Date, the default time zone); the
// warm-up calls in main are made for the classes they load, not for their results.
@SuppressWarnings({"ReturnValueIgnored", "JavaUtilDate", "JavaTimeDefaultTimeZone"})
public final class LegacyApp {
  private LegacyApp() {}

  public static void main(String[] args) throws InterruptedException {
    long intervalMillis = args.length > 0 ? Long.parseLong(args[0]) : 500;
    long durationMillis = args.length > 1 ? Long.parseLong(args[1]) : 30_000;
    Clock clock = Clock.systemUTC();
    // Like any app at start-up, touch each API once: the first calls load classes (calendar
    // providers, time zone rules) and would otherwise spread the first line's readings over ms.
    System.currentTimeMillis();
    new Date();
    Instant.now();
    LocalDateTime.now();
    clock.millis();
    Calendar.getInstance();
    long start = System.nanoTime();
    long endNanos = start + durationMillis * 1_000_000L;
    for (int seq = 0; ; seq++) {
      long nanoTime = System.nanoTime();
      long currentTimeMillis = System.currentTimeMillis();
      Date date = new Date();
      Instant instant = Instant.now();
      LocalDateTime localDateTime = LocalDateTime.now();
      long clockMillis = clock.millis();
      Calendar calendar = Calendar.getInstance();
      long nanoTimeEnd = System.nanoTime();
      System.out.println(
          "tick seq="
              + seq
              + " nanoTime="
              + nanoTime
              + " nanoTimeEnd="
              + nanoTimeEnd
              + " currentTimeMillis="
              + currentTimeMillis
              + " date="
              + date.getTime()
              + " instant="
              + instant.getEpochSecond()
              + "."
              + String.format("%09d", instant.getNano())
              + " localDateTime="
              + localDateTime
              + " clock="
              + clockMillis
              + " calendar="
              + calendar.getTimeInMillis());
      long next = start + (seq + 1) * intervalMillis * 1_000_000L;
      if (next >= endNanos) {
        break;
      }
      long waitNanos = next - System.nanoTime();
      if (waitNanos > 0) {
        Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
      }
    }
    System.out.println("done");
  }
}
