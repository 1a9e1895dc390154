package dev.chronotick.demo;

/** The six JDK time APIs the legacy app reads, in the order of its output line. */
public enum TimeApi {
  CURRENT_TIME_MILLIS("currentTimeMillis", "System.currentTimeMillis()"),
  DATE("date", "new Date()"),
  INSTANT("instant", "Instant.now()"),
  LOCAL_DATE_TIME("localDateTime", "LocalDateTime.now()"),
  CLOCK("clock", "Clock.systemUTC().millis()"),
  CALENDAR("calendar", "Calendar.getInstance()");

  private final String key;
  private final String call;

  TimeApi(String key, String call) {
    this.key = key;
    this.call = call;
  }

  /** The key of this reading in the legacy app's line. */
  public String key() {
    return key;
  }

  /** The call as a developer writes it. */
  public String call() {
    return call;
  }
}
