package legacyapp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Date;
import java.util.function.LongSupplier;

/**
 * An application that never heard of ChronoTick: it reads the time through the six everyday APIs.
 * Child-JVM fixture: prints {@code READY <pid>}, then answers each {@code MEASURE} line on stdin
 * with one {@code M key=value ...} line (epoch millis, plus {@code System.nanoTime()}); {@code
 * QUIT} ends it. Runs with {@code -Duser.timezone=UTC} so {@code LocalDateTime} converts back
 * exactly.
 */
// It reads the time as unchanged application code does (Date, the default time zone).
@SuppressWarnings({"JavaUtilDate", "JavaTimeDefaultTimeZone"})
public final class LegacyApp {
  private LegacyApp() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      if ("MEASURE".equals(line)) {
        System.out.println(measure());
      } else if ("QUIT".equals(line)) {
        System.out.println("BYE");
        return;
      } else {
        System.out.println("ERR unknown command " + line);
      }
      System.out.flush();
    }
  }

  static String measure() {
    long nanoTime = System.nanoTime();
    long currentTimeMillis = System.currentTimeMillis();
    long date = new Date().getTime();
    long instant = Instant.now().toEpochMilli();
    long localDateTime = LocalDateTime.now().toInstant(ZoneOffset.UTC).toEpochMilli();
    long clockMillis = Clock.systemUTC().millis();
    long clockInstant = Clock.systemUTC().instant().toEpochMilli();
    long calendar = Calendar.getInstance().getTimeInMillis();
    long victim = Victim.now();
    LongSupplier methodReference = System::currentTimeMillis;
    long methodRef = methodReference.getAsLong();
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
        + " clockInstant="
        + clockInstant
        + " calendar="
        + calendar
        + " victim="
        + victim
        + " methodRef="
        + methodRef;
  }
}
