/**
 * Poll-round timing harness: how long one round takes against simulated servers on loopback,
 * parallel against sequential, and what a silent server costs. A plain {@code main}, not JMH: a
 * round lasts tens to thousands of milliseconds of mostly waiting, so wall time per round is the
 * measure. Results and the command are in {@code benchmarks/RESULTS.md}.
 */
package dev.chronotick.bench.round;
