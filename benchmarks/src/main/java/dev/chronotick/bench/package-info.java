/**
 * Benchmarks: JMH read-path benchmarks and the poll-round timing harness. Not part of the test run.
 */
package dev.chronotick.bench;
