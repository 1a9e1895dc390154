package dev.chronotick.demo;

/** The offline demo (built by the agent issue). */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    System.out.println("ChronoTick demo: not built yet");
  }
}
