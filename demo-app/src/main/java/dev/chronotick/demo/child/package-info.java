/**
 * What runs in the demo's child JVM besides the legacy app: {@code ChildMain} starts a probe that
 * prints ChronoTick's own status and TrueTime bounds ({@code CorrectedClock.systemUTC().now()}, as
 * Spanner's TrueTime gives {@code [earliest, latest]}), then hands the main thread to the
 * unmodified {@code com.example.legacy.LegacyApp}.
 */
package dev.chronotick.demo.child;
