package dev.chronotick.agent.instrument;

import dev.chronotick.bridge.ClockBridge;
import java.lang.instrument.Instrumentation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the agent's {@link TimeTransformer} and retransforms the matching classes already
 * loaded.
 */
public final class TimeInstrumentation {
  private static final Logger LOG = LoggerFactory.getLogger(TimeInstrumentation.class);

  private final Instrumentation inst;
  private final TimeTransformer transformer;
  private final long retransformed;

  private TimeInstrumentation(
      Instrumentation inst, TimeTransformer transformer, long retransformed) {
    this.inst = inst;
    this.transformer = transformer;
    this.retransformed = retransformed;
  }

  /**
   * Installs the instrumentation and retransforms the matching classes already loaded.
   *
   * @param filter which application classes to rewrite
   * @param failTransform a class name whose transformation is forced to fail (tests), or null
   * @throws IllegalStateException when the bridge is not boot-loaded (nothing is installed then)
   */
  public static TimeInstrumentation install(
      Instrumentation inst, ClassFilter filter, String failTransform) {
    long startNanos = System.nanoTime();
    Class<?> bridge = ClockBridge.class;
    if (bridge.getClassLoader() != null) {
      throw new IllegalStateException(
          "ClockBridge is not boot-loaded (loader " + bridge.getClassLoader() + ")");
    }
    checkBridgeLinks();
    letJavaBaseRead(inst, bridge.getModule());
    TimeTransformer transformer =
        new TimeTransformer(filter, failTransform, inst, bridge.getModule());
    inst.addTransformer(transformer, true);
    long selectNanos = System.nanoTime();
    List<Class<?>> loaded = loadedCandidates(inst, transformer);
    long retransformNanos = System.nanoTime();
    long before = transformer.retransformed();
    retransform(inst, loaded);
    long endNanos = System.nanoTime();
    // classes that other threads load meanwhile are rewritten too, but were not candidates
    long retransformed = transformer.retransformed() - before;
    LOG.info(
        "instrumentation installed in {} ms ({} already-loaded classes retransformed of {} candidates, {} failed;"
            + " selecting {} ms, retransforming {} ms; {})",
        (endNanos - startNanos) / 1_000_000L,
        retransformed,
        loaded.size(),
        transformer.failed(),
        (retransformNanos - selectNanos) / 1_000_000L,
        (endNanos - retransformNanos) / 1_000_000L,
        filter);
    return new TimeInstrumentation(inst, transformer, retransformed);
  }

  /**
   * Loads and links the rewrite's code by rewriting a generated sample class (nothing is defined or
   * instrumented). premain calls this while it waits for the first synchronisation, so that the
   * application's first clock-reading class is not the one to pay for the cold rewrite.
   *
   * @return true when the sample was rewritten
   */
  public boolean warmUp() {
    return RewriterWarmUp.run();
  }

  /**
   * Loaded classes the transformer would rewrite: decided by name and loader first, then
   * (application classes) by their class file's bytes, so that a JVM with thousands of loaded
   * classes retransforms only the few that call {@code currentTimeMillis}.
   */
  static List<Class<?>> loadedCandidates(Instrumentation inst, TimeTransformer transformer) {
    List<Class<?>> candidates = new ArrayList<>();
    try (CallSitePrefilter.LoadedClassFiles classFiles = new CallSitePrefilter.LoadedClassFiles()) {
      for (Class<?> c : inst.getAllLoadedClasses()) {
        if (c.isArray() || c.isPrimitive()) {
          continue;
        }
        RewritePlan plan = transformer.planFor(c.getName().replace('.', '/'), c.getClassLoader());
        if (plan == null || !inst.isModifiableClass(c)) {
          continue;
        }
        if (plan.isApplication() && !classFiles.mayCallCurrentTimeMillis(c)) {
          continue;
        }
        candidates.add(c);
      }
    }
    return candidates;
  }

  /**
   * Retransforms {@code classes} in one batch; if the batch fails, one by one, logging each
   * failure.
   */
  private static void retransform(Instrumentation inst, List<Class<?>> classes) {
    if (classes.isEmpty()) {
      return;
    }
    try {
      inst.retransformClasses(classes.toArray(new Class<?>[0]));
      return;
    } catch (Throwable batch) {
      LOG.debug(
          "batch retransformation failed, retrying class by class: {}", String.valueOf(batch));
    }
    for (Class<?> c : classes) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        LOG.warn(
            "could not instrument {}, left unchanged (raw time in this class): {}",
            c.getName(),
            String.valueOf(t));
      }
    }
  }

  /**
   * Runs the bridge methods instrumented code will call, once, before any call site points at them:
   * if the boot copy cannot link (say it grew a reference to a class outside {@code java.base}),
   * the {@code LinkageError} surfaces here, the agent logs it and installs nothing, instead of
   * {@code new Date()} failing in the application.
   */
  private static void checkBridgeLinks() {
    ClockBridge.currentTimeMillis();
    ClockBridge.correctInstant(Instant.ofEpochSecond(0L));
    ClockBridge.state().errorNanosAt(0L);
  }

  /**
   * Instrumented {@code java.base} code calls the bridge, which lives in the boot loader's unnamed
   * module.
   */
  private static void letJavaBaseRead(Instrumentation inst, Module bridgeModule) {
    Module javaBase = Object.class.getModule();
    if (!javaBase.canRead(bridgeModule)) {
      inst.redefineModule(
          javaBase,
          Set.of(bridgeModule),
          Collections.emptyMap(),
          Collections.emptyMap(),
          Collections.emptySet(),
          Collections.emptyMap());
    }
  }

  /** Classes rewritten so far (at load or by retransformation). */
  public long transformedClasses() {
    return transformer.transformed();
  }

  /** Classes that failed to transform so far (each logged, each left unchanged). */
  public long failedClasses() {
    return transformer.failed();
  }

  /** Already-loaded classes rewritten at installation. */
  public long retransformedAtInstall() {
    return retransformed;
  }

  /**
   * Removes the transformer: classes loaded from now on are not rewritten (those already rewritten
   * stay so).
   */
  public void uninstall() {
    inst.removeTransformer(transformer);
  }
}
