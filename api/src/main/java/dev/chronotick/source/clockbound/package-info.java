/**
 * The host's ClockBound daemon (aws/clock-bound) as a source: a pure-Java reader of its
 * shared-memory segment.
 *
 * <p>{@link dev.chronotick.source.clockbound.ClockBoundLayout} says where each version's fields
 * are, {@link dev.chronotick.source.clockbound.ClockBoundDecoder} copies them under the generation
 * seqlock and checks them (bytes in, a read or a named {@link
 * dev.chronotick.source.clockbound.Refusal} out), {@link
 * dev.chronotick.source.clockbound.ClockBoundReader} keeps the file mapped, and {@link
 * dev.chronotick.source.clockbound.ClockBoundSource} turns a read into a bound at this instant and
 * a poll round for the discipline. Corrected time equals the system clock (chrony disciplines it);
 * what the source adds is the bound and the status.
 */
package dev.chronotick.source.clockbound;
