package dev.chronotick.agent.cli;

/** {@code java -jar chronotick-agent.jar query|attach|status ...}. */
public final class ChronoTickCli {
  private ChronoTickCli() {}

  public static void main(String[] args) {
    System.err.println("usage: java -jar chronotick-agent.jar query|attach|status ...");
    System.exit(2);
  }
}
