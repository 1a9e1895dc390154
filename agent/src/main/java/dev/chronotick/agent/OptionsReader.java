package dev.chronotick.agent;

import dev.chronotick.config.OptionsLoader;
import dev.chronotick.config.OptionsReport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Every option of the agent (the agent argument, system properties, environment, config file), read
 * by the one option loader on a short-lived thread while premain puts the bridge on the boot class
 * path: the two do not depend on each other and each costs a cold JVM tens of milliseconds. Only
 * option classes are touched here, never the bridge (which must first be loaded by the boot
 * loader).
 */
final class OptionsReader {
  private final String rawArgs;
  private final FutureTask<OptionsReport> task;

  private OptionsReader(String rawArgs, FutureTask<OptionsReport> task) {
    this.rawArgs = rawArgs;
    this.task = task;
  }

  /**
   * Starts reading; {@link #get()} returns the result (reading on the caller's thread if need be).
   */
  static OptionsReader begin(String rawArgs) {
    // an inner class, not a lambda: no lambda bootstrap on the start-up path
    FutureTask<OptionsReport> task =
        new FutureTask<>(
            new java.util.concurrent.Callable<OptionsReport>() {
              @Override
              public OptionsReport call() {
                return read(rawArgs);
              }
            });
    try {
      Thread reader = new Thread(task, "chronotick-options");
      reader.setDaemon(true);
      reader.start();
    } catch (Throwable t) {
      // no thread (e.g. a thread limit): get() reads on the caller's thread instead
    }
    return new OptionsReader(rawArgs, task);
  }

  /**
   * Reads {@code rawArgs} and the other option sources on the calling thread, leniently: a bad
   * value is a problem to log and the key falls through to the next source, never an exception.
   */
  static OptionsReport read(String rawArgs) {
    return OptionsLoader.system().agentArgument(rawArgs).loadLenient();
  }

  /** The result; never throws (a failure of the reader thread is repeated here, on this thread). */
  OptionsReport get() {
    task.run(); // no-op when the reader thread has begun it; runs it here when it never started
    try {
      boolean interrupted = false;
      while (true) {
        try {
          OptionsReport read = task.get();
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
          return read;
        } catch (InterruptedException e) {
          interrupted =
              true; // premain is not to be interrupted half-way; keep the flag for the host
        }
      }
    } catch (ExecutionException e) {
      return read(rawArgs);
    }
  }
}
