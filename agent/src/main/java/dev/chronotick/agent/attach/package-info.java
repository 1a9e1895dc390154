/**
 * {@code attach PID [options]} and {@code status PID [--json]}: the CLI's view of an agent running
 * in another JVM.
 *
 * <p>{@link dev.chronotick.agent.attach.AttachCommand} uses the Attach API
 * ({@code com.sun.tools.attach}, module {@code jdk.attach}, so the CLI must run on a JDK) to load
 * this jar into the target; the agent's {@code agentmain} installs the bridge and instrumentation
 * once and reconfigures on later attaches. {@link dev.chronotick.agent.attach.StatusCommand}
 * attaches only to start the target's local JMX agent ({@code startLocalManagementAgent}, as
 * {@code jcmd ManagementAgent.start_local} does), then reads the
 * {@code dev.chronotick:type=CorrectedClock} MBean generically, attribute by attribute, so it works
 * with whatever version of the MBean the target runs; anything missing prints as {@code -}
 * ({@code null} in JSON). Formatting is separate ({@link dev.chronotick.agent.attach.StatusReport})
 * and tested on plain values.
 */
package dev.chronotick.agent.attach;
