package spanapp;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child for the OpenTelemetry tests: the OpenTelemetry API on its class path (the OpenTelemetry
 * agent bridges it to its SDK). Prints {@code READY} and its PID; on {@code SPAN name} starts and
 * ends one span and prints {@code SPAN name}; {@code QUIT} ends it. The SDK's exporter prints the
 * span with its start time. Outside {@code dev.chronotick}, which the agent never instruments.
 */
public final class SpanApp {
  private SpanApp() {}

  public static void main(String[] args) throws Exception {
    Tracer tracer = GlobalOpenTelemetry.getTracer("chronotick-it");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("SPAN ")) {
        String name = line.substring(5);
        Span span = tracer.spanBuilder(name).startSpan();
        span.end();
        System.out.println("SPAN " + name);
        System.out.flush();
      } else if (line.equals("QUIT")) {
        System.out.println("BYE");
        System.out.flush();
        return;
      }
    }
  }
}
