/** Loopback NTP servers with configurable faults, and a chronyd launcher, for tests, the demo and benchmarks. */
package dev.chronotick.testkit;
