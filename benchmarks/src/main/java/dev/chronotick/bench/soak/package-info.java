/**
 * The soak: the whole engine (health → UDP → sync → discipline, with its background threads)
 * against 100 simulated servers with random faults for a long, time-compressed run, watching for
 * slow leaks (heap after GC, thread count) and for counters that stop adding up.
 *
 * <p>It follows the idea of chrony's long simulation runs and of the NTP Pool monitor's continuous
 * scoring: faults are not one-off events but the steady background, so what matters is that nothing
 * accumulates. Not part of the test run; the command and figures are in {@code
 * benchmarks/RESULTS.md ("Soak")}.
 */
package dev.chronotick.bench.soak;
