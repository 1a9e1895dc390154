/**
 * The one counter registry: named, lock-free counters and gauges with a prefix per stage ({@code
 * ntp.timeouts}, {@code sync.rejectedSamples}, {@code health.activeSetChanges}, {@code
 * discipline.correctionSteps}). Each stage is handed its view; snapshots, JMX, the CLI's {@code
 * status} and logs read the same names. Depends on nothing.
 */
package dev.chronotick.metrics;
