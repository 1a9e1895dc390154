package timeapp;

import java.net.URL;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Instant;
import net.bytebuddy.ByteBuddy;
import org.apache.commons.io.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Plain-text answers, {@code key=value} separated by spaces. */
@RestController
public class TimeController {
  private static final Logger LOG = LoggerFactory.getLogger(TimeController.class);

  private final Clock clock;

  public TimeController(Clock clock) {
    this.clock = clock;
  }

  /**
   * Epoch milliseconds of {@code Instant.now()}, the injected clock and {@code currentTimeMillis}.
   */
  @GetMapping("/time")
  public String time() {
    return "instant="
        + Instant.now().toEpochMilli()
        + " clock="
        + clock.millis()
        + " clockInstant="
        + clock.instant().toEpochMilli()
        + " currentTimeMillis="
        + System.currentTimeMillis();
  }

  /** Logs {@code probe ID} through SLF4J (Logback): the test reads the event's timestamp. */
  @GetMapping("/log")
  public String log(@RequestParam("id") String id) {
    LOG.info("probe {}", id);
    return "logged=" + id;
  }

  /** Where commons-io and byte-buddy were loaded from. */
  @GetMapping("/libs")
  public String libs() {
    return "commons-io=" + where(IOUtils.class) + " byte-buddy=" + where(ByteBuddy.class);
  }

  private static String where(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return String.valueOf(location).replace(' ', '_');
  }
}
