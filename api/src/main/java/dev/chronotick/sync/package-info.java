/**
 * Choosing the time: one poll round from the servers' exchanges to one offset with an uncertainty.
 *
 * <p>The stages follow chrony's split (per-source statistics in {@code sourcestats.c}, selection
 * and combining in {@code sources.c}) and RFC 5905's clock filter, select and combine algorithms,
 * each stage a plain function of values so it can be tested without sockets or sleeping:
 *
 * <ol>
 *   <li>{@link dev.chronotick.sync.ClockFilter} — per server, the minimum-delay sample that meets
 *       the {@link dev.chronotick.sync.QualityThresholds} (root distance, delay, uncertainty); a
 *       server without one is {@code REJECTED} with its most informative reason, or {@code
 *       TIMEOUT}.
 *   <li>{@link dev.chronotick.sync.Intersection} — falseticker rejection by intersecting {@code
 *       offset ± distance} intervals (Marzullo / chrony); a majority of candidates must agree, so a
 *       liar is rejected even when it has the lowest delay.
 *   <li>{@link dev.chronotick.sync.Combination} — survivors weighted by 1 / distance into one
 *       offset; the uncertainty is never below the intersection's honest bound.
 *   <li>{@link dev.chronotick.sync.Selection} — the three above for one set of exchanges and one
 *       set of thresholds.
 *   <li>{@link dev.chronotick.sync.PollRoundRunner} — transport, strict → relaxed fallback, retry
 *       with exponential backoff through an injected {@link dev.chronotick.sync.Sleeper},
 *       starvation, and the {@link dev.chronotick.sync.OutlierGate} (median / MAD of recent
 *       history, overridden when a majority of the queried servers vouch for a step). Its counters
 *       ({@code sync.*}) are in the registry it is handed ({@link
 *       dev.chronotick.metrics.Counters}).
 * </ol>
 *
 * <p>Offsets are {@code server − local} in nanoseconds throughout.
 */
package dev.chronotick.sync;
