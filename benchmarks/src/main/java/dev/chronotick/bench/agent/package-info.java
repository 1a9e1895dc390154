/**
 * What the agent costs the application it is loaded into.
 *
 * <ul>
 *   <li>{@link dev.chronotick.bench.agent.CallSiteBenchmark} (JMH): an instrumented {@code
 *       System.currentTimeMillis()} call site against the raw call, time and allocation.
 *   <li>{@link dev.chronotick.bench.agent.AgentStartupBenchmark} (a plain {@code main} driving
 *       child JVMs): time from launching {@code java} to the first line of {@code main} without the
 *       agent, with it and with {@code instrument=false}; and the time from {@code attach} to the
 *       first corrected reading in a JVM with 5,000 loaded application classes. Child processes are
 *       the only honest way to measure start-up: every run pays class loading, JIT warm-up and the
 *       bootstrap class-path append afresh, as a user's JVM does.
 * </ul>
 *
 * Results and commands: {@code benchmarks/RESULTS.md ("Agent start-up and call-site cost")}; the
 * driver script is {@code benchmarks/scripts/agent-startup.sh}.
 */
package dev.chronotick.bench.agent;
