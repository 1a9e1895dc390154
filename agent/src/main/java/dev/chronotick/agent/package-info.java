/**
 * The Java agent: {@link dev.chronotick.agent.ChronoTickAgent} (premain/agentmain) puts the clock
 * bridge on the boot class path ({@code boot}), then {@link dev.chronotick.agent.AgentRuntime}
 * starts the collector and installs the instrumentation ({@code instrument}). {@code attach} holds
 * the {@code attach}/{@code status} commands, {@code log} the agent's SLF4J binding.
 */
package dev.chronotick.agent;
