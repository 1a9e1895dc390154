package dev.chronotick.agent;

import dev.chronotick.config.OptionsLoader;
import dev.chronotick.config.OptionsReport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The agent argument and every option source, read on a short-lived thread while premain puts the
 * bridge on the boot class path: the two do not depend on each other and each costs a cold JVM tens
 * of milliseconds. Only option and argument classes are touched here, never the bridge (which must
 * first be loaded by the boot loader).
 */
final class StartUpOptions {
  /** What was read. */
  static final class Read {
    final AgentArgs args;
    final OptionsReport report;

    Read(AgentArgs args, OptionsReport report) {
      this.args = args;
      this.report = report;
    }
  }

  private final String rawArgs;
  private final FutureTask<Read> task;

  private StartUpOptions(String rawArgs, FutureTask<Read> task) {
    this.rawArgs = rawArgs;
    this.task = task;
  }

  /** Starts reading; {@link #get()} returns the result (reading on the caller's thread if need be). */
  static StartUpOptions begin(String rawArgs) {
    // an inner class, not a lambda: no lambda bootstrap on the start-up path
    FutureTask<Read> task = new FutureTask<>(new java.util.concurrent.Callable<Read>() {
      @Override
      public Read call() {
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
    return new StartUpOptions(rawArgs, task);
  }

  /** Reads {@code rawArgs} and the option sources on the calling thread; lenient, never throws for bad input. */
  static Read read(String rawArgs) {
    AgentArgs args = AgentArgs.parse(rawArgs);
    // every option from the agent argument, system properties, environment and config file, leniently:
    // a bad value is logged and replaced, never thrown into the application
    OptionsReport report = OptionsLoader.system().agentArgument(args.engineArgument()).loadLenient();
    return new Read(args, report);
  }

  /** The result; never throws (a failure of the reader thread is repeated here, on this thread). */
  Read get() {
    task.run(); // no-op when the reader thread has begun it; runs it here when it never started
    try {
      boolean interrupted = false;
      while (true) {
        try {
          Read read = task.get();
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
          return read;
        } catch (InterruptedException e) {
          interrupted = true; // premain is not to be interrupted half-way; keep the flag for the host
        }
      }
    } catch (ExecutionException e) {
      return read(rawArgs);
    }
  }
}
