package dev.chronotick.agent.instrument;

/**
 * What the agent does to one class: in which of its methods it rewrites {@code
 * System.currentTimeMillis()} call sites, whether it re-points method-handle constants ({@code
 * System::currentTimeMillis}), and whether it passes the returned {@code Instant} of a method
 * through {@code ClockBridge.correctInstant}. Immutable; the plans of the JDK entry points are
 * constants ({@link JdkEntryPoints}), application classes all share {@link #APPLICATION}.
 */
public final class RewritePlan {
  /** Application classes: every method and constructor, call sites and method references. */
  public static final RewritePlan APPLICATION =
      new RewritePlan("application code", null, null, true, true, false);

  private final String description;
  private final String methodName;
  private final String methodDescriptor;
  private final boolean substituteCalls;
  private final boolean rewriteHandles;
  private final boolean correctReturnedInstant;

  private RewritePlan(
      String description,
      String methodName,
      String methodDescriptor,
      boolean substituteCalls,
      boolean rewriteHandles,
      boolean correctReturnedInstant) {
    this.description = description;
    this.methodName = methodName;
    this.methodDescriptor = methodDescriptor;
    this.substituteCalls = substituteCalls;
    this.rewriteHandles = rewriteHandles;
    this.correctReturnedInstant = correctReturnedInstant;
  }

  /**
   * Call sites of {@code System.currentTimeMillis()} in the methods named {@code methodName} (all
   * overloads when {@code methodDescriptor} is null) are rewritten; nothing else.
   */
  static RewritePlan callSitesIn(String methodName, String methodDescriptor) {
    return new RewritePlan(
        "call sites in " + methodName + (methodDescriptor == null ? "" : methodDescriptor),
        methodName,
        methodDescriptor,
        true,
        false,
        false);
  }

  /**
   * The {@code Instant} returned by {@code methodName methodDescriptor} is corrected; its call
   * sites stay raw.
   */
  static RewritePlan returnedInstantOf(String methodName, String methodDescriptor) {
    return new RewritePlan(
        "instant returned by " + methodName + methodDescriptor,
        methodName,
        methodDescriptor,
        false,
        false,
        true);
  }

  /** True when the method {@code name descriptor} is touched by this plan. */
  public boolean appliesTo(String name, String descriptor) {
    return (methodName == null || methodName.equals(name))
        && (methodDescriptor == null || methodDescriptor.equals(descriptor));
  }

  /**
   * {@code invokestatic System.currentTimeMillis()} becomes {@code invokestatic
   * ClockBridge.currentTimeMillis()}.
   */
  public boolean substituteCalls() {
    return substituteCalls;
  }

  /**
   * Method-handle constants naming {@code System.currentTimeMillis()} are re-pointed to the bridge.
   */
  public boolean rewriteHandles() {
    return rewriteHandles;
  }

  /**
   * Every {@code areturn} is preceded by {@code invokestatic ClockBridge.correctInstant(Instant)}.
   */
  public boolean correctReturnedInstant() {
    return correctReturnedInstant;
  }

  /**
   * True for the plan of application classes (synthetic classes are skipped, loaded ones
   * prefiltered).
   */
  public boolean isApplication() {
    return this == APPLICATION;
  }

  @Override
  public String toString() {
    return "RewritePlan{" + description + "}";
  }
}
