/**
 * The instrumentation that makes unmodified code read corrected time.
 *
 * <p>{@code System.currentTimeMillis()} is a JIT intrinsic native, so it is never advised; its
 * <em>call sites</em> are rewritten to {@code ClockBridge.currentTimeMillis()} ({@link
 * dev.chronotick.agent.instrument.RewritePlan}):
 *
 * <ul>
 *   <li>in application classes (any class not defined by the boot or platform loader, outside
 *       {@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.} and the agent's
 *       own {@code dev.chronotick.} packages, honouring {@code include}/{@code exclude} prefixes:
 *       {@link dev.chronotick.agent.instrument.ClassFilter}), where method references {@code
 *       System::currentTimeMillis} are re-pointed to the bridge as well ({@link
 *       dev.chronotick.agent.instrument.MethodReferenceRewriter});
 *   <li>in the JDK's own entry points only ({@link
 *       dev.chronotick.agent.instrument.JdkEntryPoints}): {@code new Date()}, the constructors of
 *       {@code GregorianCalendar} and {@code JapaneseImperialCalendar} ({@code BuddhistCalendar}
 *       inherits), {@code getInstance} of the JDK's calendar provider ({@code
 *       sun.util.locale.provider.CalendarProviderImpl}, where {@code Calendar.getInstance()} reads
 *       the time), and {@code millis()} of {@code Clock.SystemClock} / {@code
 *       Clock.SystemInstantSource}.
 * </ul>
 *
 * {@code Instant.now()}, {@code LocalDateTime.now()} and {@code Clock.systemUTC().instant()} all
 * end in {@code Clock.currentInstant()} (JDK 17 and 25), which reads {@code
 * VM.getNanoTimeAdjustment}; its returned {@code Instant} is passed through {@code
 * ClockBridge.correctInstant}. The {@code currentTimeMillis()} calls inside {@code
 * currentInstant()} itself are left alone: they maintain the offset for {@code
 * getNanoTimeAdjustment} and must stay raw.
 *
 * <p><b>How, and why not {@code AgentBuilder}.</b> One {@link
 * java.lang.instrument.ClassFileTransformer} ({@link
 * dev.chronotick.agent.instrument.TimeTransformer}) decides per class, cheapest test first: by name
 * and loader, then by the class file's bytes ({@link
 * dev.chronotick.agent.instrument.CallSitePrefilter}: no {@code currentTimeMillis} in the constant
 * pool, no call), and only then rewrites it in one ASM read-write pass ({@link
 * dev.chronotick.agent.instrument.CallSiteRewriter}) using the ASM that byte-buddy bundles
 * (relocated with it). The rewrite is a same-shape instruction swap (and one inserted call before
 * {@code areturn} in {@code currentInstant}), so no frame, stack size or member changes: the result
 * is valid for retransformation. This is the rewrite byte-buddy's {@code MemberSubstitution} and
 * exit {@code Advice} produce; but byte-buddy's {@code AgentBuilder} loads about a thousand classes
 * of its type model before the first transformation (its {@code JavaDispatcher} proxies, and a
 * generated subclass of its executing transformer), which would lengthen premain by orders of
 * magnitude (figures: {@code benchmarks/RESULTS.md ("Agent start-up and call-site cost")}).
 *
 * <p>Nothing else in the JDK is touched (timers, caches, {@code System.nanoTime()}). Classes
 * already loaded when the agent starts (dynamic attach) are selected the same way, by name and by
 * their class file as their loader serves it, and retransformed in one batch (class by class if the
 * batch fails). A class that fails to transform is logged and left as it was. Named modules whose
 * code now calls the bridge get a read edge to it.
 *
 * <p>Prior art: the JDK's {@code java.lang.instrument} contract, the OpenTelemetry Java agent's
 * boot/agent split and its "never break the host" rule, and byte-buddy's retransformation examples
 * (one batch, then class by class).
 */
package dev.chronotick.agent.instrument;
