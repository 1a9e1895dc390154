/**
 * The byte-buddy instrumentation that makes unmodified code read corrected time.
 *
 * <p>{@code System.currentTimeMillis()} is a JIT intrinsic native, so it is never advised; its
 * <em>call sites</em> are rewritten ({@code MemberSubstitution}) to
 * {@code ClockBridge.currentTimeMillis()}:
 * <ul>
 *   <li>in application classes (any class not defined by the boot or platform loader, outside
 *       {@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.} and the
 *       agent's own {@code dev.chronotick.} packages, honouring {@code include}/{@code exclude}
 *       prefixes: {@link dev.chronotick.agent.instrument.ClassFilter}), where method references
 *       {@code System::currentTimeMillis} are re-pointed to the bridge as well
 *       ({@link dev.chronotick.agent.instrument.MethodReferenceRewriter});</li>
 *   <li>in the JDK's own entry points only: {@code new Date()}, the constructors of
 *       {@code GregorianCalendar} and {@code JapaneseImperialCalendar}
 *       ({@code BuddhistCalendar} inherits), {@code getInstance} of the JDK's calendar provider
 *       ({@code sun.util.locale.provider.CalendarProviderImpl}, where {@code Calendar.getInstance()}
 *       reads the time), and
 *       {@code millis()} of {@code Clock.SystemClock} / {@code Clock.SystemInstantSource}.</li>
 * </ul>
 * {@code Instant.now()}, {@code LocalDateTime.now()} and {@code Clock.systemUTC().instant()} all end
 * in {@code Clock.currentInstant()} (JDK 17 and 25), which reads {@code VM.getNanoTimeAdjustment};
 * its return value is advised through {@code ClockBridge.correctInstant}. The
 * {@code currentTimeMillis()} calls inside {@code currentInstant()} itself are left alone: they
 * maintain the offset for {@code getNanoTimeAdjustment} and must stay raw.
 *
 * <p>Nothing else in the JDK is touched (timers, caches, {@code System.nanoTime()}). JDK classes
 * already loaded are retransformed with class-format changes disabled (call-site rewriting and
 * inlined advice add no members). A class that fails to transform is logged and left as it was
 * ({@link dev.chronotick.agent.instrument.TransformLogListener}). Class files without the bytes
 * {@code currentTimeMillis} are skipped before parsing
 * ({@link dev.chronotick.agent.instrument.CallSitePrefilter}).
 *
 * <p>Prior art: byte-buddy's {@code AgentBuilder} retransformation examples and the
 * OpenTelemetry Java agent's boot/agent split and "never break the host" listeners.
 */
package dev.chronotick.agent.instrument;
