package e2eapp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.Date;

/**
 * An application that never heard of ChronoTick, run by the end-to-end tests under {@code faketime}
 * (its whole process sees a skewed wall clock). It prints {@code READY <pid>} (its own pid: under
 * the {@code faketime} wrapper that is not the pid of the process the test started), then answers
 * each {@code MEASURE} line on stdin with one line {@code M nanoTime=.. currentTimeMillis=..
 * date=.. instant=.. localDateTime=.. clockMillis=.. calendar=.. reflective=..} (epoch
 * milliseconds). {@code LocalDateTime.now()} is converted back with the application's own zone, so
 * a zone other than UTC exercises the conversion. {@code reflective} calls {@code
 * System.currentTimeMillis()} through reflection, which the agent documents as not corrected: it
 * shows the raw, skewed clock. {@code QUIT} ends the application.
 */
// It reads the time as unchanged application code does (Date, the default time zone).
@SuppressWarnings({"JavaUtilDate", "JavaTimeDefaultTimeZone"})
public final class SkewedLegacyApp {
  private SkewedLegacyApp() {}

  public static void main(String[] args) throws Exception {
    Method raw = System.class.getMethod("currentTimeMillis");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      if ("MEASURE".equals(line)) {
        System.out.println(measure(raw));
      } else if ("QUIT".equals(line)) {
        System.out.println("BYE");
        return;
      } else {
        System.out.println("ERR unknown command " + line);
      }
      System.out.flush();
    }
  }

  static String measure(Method raw) throws Exception {
    long nanoTime = System.nanoTime();
    long currentTimeMillis = System.currentTimeMillis();
    long date = new Date().getTime();
    long instant = Instant.now().toEpochMilli();
    long localDateTime =
        LocalDateTime.now().atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    long clockMillis = Clock.systemUTC().millis();
    long calendar = Calendar.getInstance().getTimeInMillis();
    long reflective = (Long) raw.invoke(null);
    return "M nanoTime="
        + nanoTime
        + " currentTimeMillis="
        + currentTimeMillis
        + " date="
        + date
        + " instant="
        + instant
        + " localDateTime="
        + localDateTime
        + " clockMillis="
        + clockMillis
        + " calendar="
        + calendar
        + " reflective="
        + reflective;
  }
}
