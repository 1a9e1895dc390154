package dev.chronotick.agent.instrument;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The JDK classes the agent touches, by internal name, and exactly where (see the package notes).
 * Everything else the bootstrap loader defines is left alone.
 */
final class JdkEntryPoints {
  /** The JDK class whose {@code currentInstant()} result is corrected. */
  static final String CLOCK = "java/time/Clock";

  static final String INSTANT_DESCRIPTOR = "()Ljava/time/Instant;";

  private static final Map<String, RewritePlan> PLANS;

  static {
    Map<String, RewritePlan> m = new HashMap<>();
    // new Date()
    m.put("java/util/Date", RewritePlan.callSitesIn("<init>", "()V"));
    // Calendar.getInstance() -> new GregorianCalendar(zone, locale) / JapaneseImperialCalendar
    m.put("java/util/GregorianCalendar", RewritePlan.callSitesIn("<init>", null));
    m.put("java/util/JapaneseImperialCalendar", RewritePlan.callSitesIn("<init>", null));
    // Calendar.getInstance() -> CalendarProvider -> new
    // Calendar.Builder().setInstant(System.currentTimeMillis())
    m.put(
        "sun/util/locale/provider/CalendarProviderImpl",
        RewritePlan.callSitesIn("getInstance", null));
    // Clock.systemUTC().millis(), InstantSource.system().millis()
    m.put("java/time/Clock$SystemClock", RewritePlan.callSitesIn("millis", "()J"));
    m.put("java/time/Clock$SystemInstantSource", RewritePlan.callSitesIn("millis", "()J"));
    // Instant.now(), LocalDateTime.now(), Clock.systemUTC().instant(): the currentTimeMillis()
    // calls
    // inside currentInstant() keep VM.getNanoTimeAdjustment's offset and must stay raw.
    m.put(CLOCK, RewritePlan.returnedInstantOf("currentInstant", INSTANT_DESCRIPTOR));
    PLANS = Collections.unmodifiableMap(m);
  }

  private JdkEntryPoints() {}

  /** The plan for the boot class {@code internalName}, or null when the agent leaves it alone. */
  static RewritePlan planFor(String internalName) {
    return PLANS.get(internalName);
  }

  /** Internal names of all entry-point classes. */
  static Iterable<String> classNames() {
    return PLANS.keySet();
  }
}
