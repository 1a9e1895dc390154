package dev.chronotick.agent.cli;

/**
 * Bad command-line arguments: the message is one line; the CLI prints it with the usage and exits
 * 2.
 */
public final class CliUsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliUsageException(String message) {
    super(message);
  }
}
