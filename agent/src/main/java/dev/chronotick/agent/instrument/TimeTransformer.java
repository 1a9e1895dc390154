package dev.chronotick.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one {@link ClassFileTransformer}. For every class being loaded or retransformed it
 * decides, cheapest test first, whether there is anything to do:
 *
 * <ol>
 *   <li>by name and defining loader ({@link #planFor}): a JDK entry point of the bootstrap loader,
 *       an application class accepted by the {@link ClassFilter}, or nothing (most JDK classes, the
 *       platform loader's, the agent's own);
 *   <li>by bytes ({@link CallSitePrefilter}): a class file without {@code currentTimeMillis} in it
 *       cannot call it;
 *   <li>only then is the class file parsed and rewritten ({@link CallSiteRewriter}).
 * </ol>
 *
 * Never throws: a class that fails is logged once, counted, and keeps its original code.
 */
final class TimeTransformer implements ClassFileTransformer {
  private static final Logger LOG = LoggerFactory.getLogger(TimeInstrumentation.class);

  /**
   * The classes whose static state {@link #transform} reads, initialised before any transformer
   * exists. Initialised lazily inside transform instead, one of them could load a class whose
   * transformation re-enters transform on the same thread and finds its fields still null.
   */
  static {
    for (Class<?> c :
        new Class<?>[] {JdkEntryPoints.class, RewritePlan.class, CallSitePrefilter.class}) {
      try {
        Class.forName(c.getName(), true, c.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final ClassFilter filter;
  private final String failTransform;
  private final Instrumentation inst;
  private final Module bridgeModule;
  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
  private final AtomicLong transformed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * Of {@link #transformed}, those rewritten on retransformation (the class was already loaded).
   */
  private final AtomicLong retransformed = new AtomicLong();

  /**
   * @param inst used to give named modules a read edge to the bridge; null in tests
   * @param failTransform binary name of a class whose transformation is forced to fail (tests), or
   *     null
   */
  TimeTransformer(
      ClassFilter filter, String failTransform, Instrumentation inst, Module bridgeModule) {
    this.filter = filter;
    this.failTransform = failTransform;
    this.inst = inst;
    this.bridgeModule = bridgeModule;
  }

  /**
   * What to do with the class {@code internalName} defined by {@code loader}; null: leave it alone.
   */
  RewritePlan planFor(String internalName, ClassLoader loader) {
    if (internalName == null) {
      return null;
    }
    if (loader == null) {
      return JdkEntryPoints.planFor(internalName);
    }
    if (loader == platform) {
      return null;
    }
    return filter.accepts(internalName.replace('/', '.')) ? RewritePlan.APPLICATION : null;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> redefined,
      ProtectionDomain pd,
      byte[] classFile) {
    return transform(null, loader, className, redefined, pd, classFile);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> redefined,
      ProtectionDomain pd,
      byte[] classFile) {
    try {
      RewritePlan plan = planFor(className, loader);
      if (plan == null || !CallSitePrefilter.mentionsCurrentTimeMillis(classFile)) {
        return null;
      }
      String binaryName = className.replace('/', '.');
      if (binaryName.equals(failTransform)) {
        throw new IllegalStateException("testFailTransform: forced failure for " + binaryName);
      }
      byte[] rewritten = CallSiteRewriter.rewrite(classFile, plan);
      if (rewritten == null) {
        return null;
      }
      letRead(module);
      transformed.incrementAndGet();
      if (redefined != null) {
        retransformed.incrementAndGet();
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("instrumented {}{}", binaryName, redefined != null ? " (retransformed)" : "");
      }
      return rewritten;
    } catch (Throwable t) {
      failed.incrementAndGet();
      LOG.warn(
          "could not instrument {}, left unchanged (raw time in this class): {}",
          className == null ? "?" : className.replace('/', '.'),
          String.valueOf(t));
      return null;
    }
  }

  /** A named module whose code now calls the bridge must read the boot loader's unnamed module. */
  private void letRead(Module module) {
    if (inst != null && module != null && module.isNamed() && !module.canRead(bridgeModule)) {
      inst.redefineModule(
          module,
          Set.of(bridgeModule),
          Collections.emptyMap(),
          Collections.emptyMap(),
          Collections.emptySet(),
          Collections.emptyMap());
    }
  }

  long transformed() {
    return transformed.get();
  }

  /** Classes rewritten when retransformed (not when first loaded). */
  long retransformed() {
    return retransformed.get();
  }

  long failed() {
    return failed.get();
  }
}
