package dev.chronotick.source;

import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import java.util.Objects;
import java.util.function.Supplier;

/** One source {@link AutoSource} may use: its kind, its rounds, its poll intervals, its reason. */
public final class SourceCandidate {
  private final SourceKind kind;
  private final RoundSource source;
  private final PollIntervalPolicy policy;
  private final Supplier<String> lastReason;
  private final Supplier<String> detail;

  /**
   * @param lastReason why its last poll gave no time (empty when it gave one)
   */
  public SourceCandidate(
      SourceKind kind, RoundSource source, PollIntervalPolicy policy, Supplier<String> lastReason) {
    this(kind, source, policy, lastReason, null);
  }

  /**
   * @param detail what it reads while it gives time, for the operator ({@code segment
   *     /var/run/clockbound/shm0 fresh}); null or empty for nothing to add
   */
  public SourceCandidate(
      SourceKind kind,
      RoundSource source,
      PollIntervalPolicy policy,
      Supplier<String> lastReason,
      Supplier<String> detail) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.source = Objects.requireNonNull(source, "source");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.lastReason = lastReason == null ? NOTHING : lastReason;
    this.detail = detail == null ? NOTHING : detail;
  }

  public SourceKind kind() {
    return kind;
  }

  public RoundSource source() {
    return source;
  }

  public PollIntervalPolicy policy() {
    return policy;
  }

  String lastReason() {
    return quietly(lastReason);
  }

  /** What it reads while it gives time, or empty. */
  String detail() {
    return quietly(detail);
  }

  private static String quietly(Supplier<String> s) {
    try {
      String r = s.get();
      return r == null ? "" : r;
    } catch (RuntimeException e) {
      return String.valueOf(e);
    }
  }

  private static final Supplier<String> NOTHING = new Nothing();

  /** The empty text; a class, not a lambda, so wiring the sources links none. */
  private static final class Nothing implements Supplier<String> {
    @Override
    public String get() {
      return "";
    }
  }
}
