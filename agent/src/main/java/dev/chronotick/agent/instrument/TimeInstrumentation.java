package dev.chronotick.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.chronotick.internal.ClockBridge;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;
import net.bytebuddy.utility.OpenedClassReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and installs the one {@link AgentBuilder} of the agent (see the package notes). */
public final class TimeInstrumentation {
  private static final Logger LOG = LoggerFactory.getLogger(TimeInstrumentation.class);

  /** The JDK class whose {@code currentInstant()} result is advised. */
  static final String CLOCK = "java.time.Clock";

  private final ResettableClassFileTransformer transformer;
  private final TransformLogListener listener;

  private TimeInstrumentation(ResettableClassFileTransformer transformer, TransformLogListener listener) {
    this.transformer = transformer;
    this.listener = listener;
  }

  /**
   * Installs the instrumentation and retransforms the matching classes already loaded.
   *
   * @param filter which application classes to rewrite
   * @param failTransform a class name whose transformation is forced to fail (tests), or null
   */
  public static TimeInstrumentation install(Instrumentation inst, ClassFilter filter, String failTransform)
      throws NoSuchMethodException {
    long startNanos = System.nanoTime();
    allowNewerClassFiles();
    avoidUnsafe();
    Class<?> bridge = ClockBridge.class;
    if (bridge.getClassLoader() != null) {
      throw new IllegalStateException("ClockBridge is not boot-loaded (loader " + bridge.getClassLoader() + ")");
    }
    checkBridgeLinks();
    letJavaBaseRead(inst, bridge.getModule());
    Method bridgeMillis = bridge.getMethod("currentTimeMillis");
    ElementMatcher.Junction<MethodDescription> systemMillis =
        named("currentTimeMillis").and(takesArguments(0)).and(isStatic()).and(isDeclaredBy(System.class));

    TransformLogListener listener = new TransformLogListener();
    AgentBuilder builder =
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.RedefinitionStrategy.Listener.BatchReallocator.splitting())
            .with(new InstallErrorLogger())
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
            .with(listener)
            .with(new CallSitePrefilter())
            .assureReadEdgeTo(inst, bridge)
            .ignore(nameStartsWith("dev.chronotick.").or(isSynthetic()));

    if (failTransform != null) {
      builder =
          builder
              .type(named(failTransform))
              .transform(
                  (b, type, loader, module, pd) -> {
                    throw new IllegalStateException("testFailTransform: forced failure for " + type.getName());
                  });
    }

    builder =
        builder
            // new Date()
            .type(named("java.util.Date"), isBootstrapClassLoader())
            .transform(substitute(systemMillis, bridgeMillis, isConstructor().and(takesArguments(0))))
            // Calendar.getInstance() -> new GregorianCalendar(zone, locale) / JapaneseImperialCalendar
            .type(named("java.util.GregorianCalendar").or(named("java.util.JapaneseImperialCalendar")), isBootstrapClassLoader())
            .transform(substitute(systemMillis, bridgeMillis, isConstructor()))
            // Calendar.getInstance() -> CalendarProvider -> new Calendar.Builder().setInstant(System.currentTimeMillis())
            .type(named("sun.util.locale.provider.CalendarProviderImpl"), isBootstrapClassLoader())
            .transform(substitute(systemMillis, bridgeMillis, isMethod().and(named("getInstance"))))
            // Clock.systemUTC().millis(), InstantSource.system().millis()
            .type(named("java.time.Clock$SystemClock").or(named("java.time.Clock$SystemInstantSource")), isBootstrapClassLoader())
            .transform(substitute(systemMillis, bridgeMillis, isMethod().and(named("millis")).and(takesArguments(0))))
            // Instant.now(), LocalDateTime.now(), Clock.systemUTC().instant()
            .type(named(CLOCK), isBootstrapClassLoader())
            .transform(
                (b, type, loader, module, pd) ->
                    b.visit(
                        Advice.to(InstantAdvice.class)
                            .on(named("currentInstant").and(isStatic()).and(takesArguments(0)).and(returns(Instant.class)))))
            // application classes
            .type(new ApplicationClassMatcher(filter))
            .transform(substitute(systemMillis, bridgeMillis, isMethod().or(isConstructor())))
            .transform(
                (b, type, loader, module, pd) ->
                    b.visit(new AsmVisitorWrapper.ForDeclaredMethods().invokable(any(), new MethodReferenceRewriter())));

    ResettableClassFileTransformer transformer = builder.installOn(inst);
    LOG.info(
        "instrumentation installed in {} ms ({} already-loaded classes retransformed, {} failed; {})",
        (System.nanoTime() - startNanos) / 1_000_000L, listener.transformed(), listener.failed(), filter);
    return new TimeInstrumentation(transformer, listener);
  }

  private static AgentBuilder.Transformer substitute(
      ElementMatcher<? super MethodDescription> target, Method replacement, ElementMatcher<? super MethodDescription> scope) {
    AsmVisitorWrapper wrapper = MemberSubstitution.relaxed().method(target).replaceWith(replacement).on(scope);
    return (b, type, loader, module, pd) -> b.visit(wrapper);
  }

  /**
   * Runs the bridge methods instrumented code will call, once, before any call site points at them:
   * if the boot copy cannot link (say it grew a reference to a class outside {@code java.base}), the
   * {@code LinkageError} surfaces here, the agent logs it and installs nothing, instead of
   * {@code new Date()} failing in the application.
   */
  private static void checkBridgeLinks() {
    ClockBridge.currentTimeMillis();
    ClockBridge.correctInstant(Instant.ofEpochSecond(0L));
    ClockBridge.state().errorNanosAt(0L);
  }

  /** Instrumented {@code java.base} code calls the bridge, which lives in the boot loader's unnamed module. */
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

  /** Lets byte-buddy's class-file reader accept class files newer than it knows (the JVM is newer than the agent). */
  private static void allowNewerClassFiles() {
    try {
      if (System.getProperty(OpenedClassReader.EXPERIMENTAL_PROPERTY) == null
          && ClassFileVersion.ofThisVm(ClassFileVersion.latest()).isGreaterThan(ClassFileVersion.latest())) {
        System.setProperty(OpenedClassReader.EXPERIMENTAL_PROPERTY, "true");
        LOG.info("Java {} is newer than the bundled byte-buddy knows; enabled its experimental class-file support",
            Runtime.version().feature());
      }
    } catch (RuntimeException e) {
      LOG.debug("could not determine class-file version: {}", e.toString());
    }
  }

  /**
   * The agent never injects classes (advice is inlined, call sites rewritten in place), so byte-buddy's
   * {@code sun.misc.Unsafe} class injector is not needed; keeping it off avoids the JDK 24+ warnings
   * about terminally deprecated {@code Unsafe} methods on the host's stderr. The property is the
   * relocated byte-buddy's own, so an application's byte-buddy is unaffected.
   */
  private static void avoidUnsafe() {
    if (System.getProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY) == null) {
      System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
    }
  }

  /** Classes that were rewritten so far. */
  public long transformedClasses() {
    return listener.transformed();
  }

  /** Classes that failed to transform so far (each logged, each left unchanged). */
  public long failedClasses() {
    return listener.failed();
  }

  /** The installed transformer (to reset it, e.g. in tests). */
  public ResettableClassFileTransformer transformer() {
    return transformer;
  }

  /**
   * Application classes: defined neither by the boot nor the platform loader, accepted by the filter,
   * and (when already loaded) with a class file that mentions {@code currentTimeMillis}.
   */
  static final class ApplicationClassMatcher implements AgentBuilder.RawMatcher {
    private final ClassFilter filter;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    ApplicationClassMatcher(ClassFilter filter) {
      this.filter = filter;
    }

    @Override
    public boolean matches(
        TypeDescription type, ClassLoader loader, JavaModule module, Class<?> classBeingRedefined, ProtectionDomain pd) {
      return loader != null
          && loader != platform
          && filter.accepts(type.getName())
          && CallSitePrefilter.mayCallCurrentTimeMillis(classBeingRedefined);
    }
  }

  /** Logs a failed installation step instead of throwing it into the host. */
  private static final class InstallErrorLogger extends AgentBuilder.InstallationListener.Adapter {
    @Override
    public Throwable onError(Instrumentation inst, ResettableClassFileTransformer transformer, Throwable error) {
      LOG.warn("retransformation of already-loaded classes partly failed, continuing: {}", String.valueOf(error));
      return null;
    }
  }
}
