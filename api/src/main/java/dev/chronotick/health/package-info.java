/**
 * Server health: per-server scores, a stable active set, and polite adaptive polling.
 *
 * <p>The design follows the NTP Pool's monitoring (ntppool/monitor): every exchange moves a score
 * by a step ({@link dev.chronotick.health.PoolScoring}, from {@code scorer/statusscore}); the score
 * that counts is the median over a recent time window ({@code scorer/recentmedian}), with the
 * running "legacy" score kept beside it; and a selector ({@code scorer/cmd/selector}) changes the
 * active set at most one member per evaluation, with a cooldown after each change, so a flapping
 * server cannot make the system flap. Polling follows chrony's {@code ntp_core.c}: an interval
 * between minpoll and maxpoll that grows while the clock is settled and shrinks when it is not, an
 * {@code iburst}-like start, KoD RATE slowing down and DENY / RSTR stopping traffic.
 *
 * <p>Everything here is plain logic over injected ticker readings and the shared round values
 * ({@code RoundResult}, {@code ServerReport}, {@code ExchangeResult}); no sockets, no threads, no
 * sleeping. {@link dev.chronotick.health.ServerHealthTracker} is the single entry point; see {@code
 * docs/HEALTH.md} for the rules and the figures.
 */
package dev.chronotick.health;
