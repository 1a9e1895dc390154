/**
 * {@code attach PID|NAME|--all [options]}, {@code status PID|NAME [--json]} and {@code list
 * [--json]}: the CLI's view of agents running in other JVMs.
 *
 * <p>{@link dev.chronotick.agent.attach.Targets} finds the JVMs: those {@code
 * VirtualMachine.list()} reports (their {@code hsperfdata} files), a NAME matched as {@code jcmd}
 * matches it (part of the main class or jar file name; several matches are listed, never guessed),
 * and, before any attach, whether a PID is a JVM at all (attaching to another process would wait
 * out the attach timeout and send it SIGQUIT). {@link dev.chronotick.agent.attach.ListCommand}
 * attaches to each JVM once to read {@code chronotick.agent.running}, and reads the MBean only
 * where the agent runs.
 *
 * <p>{@link dev.chronotick.agent.attach.AttachCommand} uses the Attach API ({@code
 * com.sun.tools.attach}, module {@code jdk.attach}, so the CLI must run on a JDK) to load this jar
 * into the target; the agent's {@code agentmain} installs the bridge and instrumentation once and
 * reconfigures on later attaches. {@link dev.chronotick.agent.attach.StatusCommand} attaches only
 * to start the target's local JMX agent ({@code startLocalManagementAgent}, as {@code jcmd
 * ManagementAgent.start_local} does), then reads the {@code dev.chronotick:type=CorrectedClock}
 * MBean generically, attribute by attribute, so it works with whatever version of the MBean the
 * target runs; anything missing prints as {@code -} ({@code null} in JSON). Formatting is separate
 * ({@link dev.chronotick.agent.attach.StatusReport}) and tested on plain values.
 */
package dev.chronotick.agent.attach;
