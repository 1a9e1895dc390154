package dev.chronotick.agent;

import java.lang.instrument.Instrumentation;

/** Entry point for {@code -javaagent} (premain) and dynamic attach (agentmain). */
public final class ChronoTickAgent {
  private ChronoTickAgent() {}

  public static void premain(String args, Instrumentation inst) {
    // implemented by the agent issue
  }

  public static void agentmain(String args, Instrumentation inst) {
    premain(args, inst);
  }
}
