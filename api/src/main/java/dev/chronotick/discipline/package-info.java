/**
 * Clock discipline: from accepted poll rounds to the published correction.
 *
 * <p>The split follows chrony: {@link dev.chronotick.discipline.ClockModel} is {@code
 * sourcestats.c} (a weighted linear regression of offset against local time over a bounded history,
 * weights 1/uncertainty², a runs test that drops the oldest points when the residuals stop looking
 * random, so a change of frequency is followed); {@link
 * dev.chronotick.discipline.CorrectionPlanner} is the part of {@code reference.c}/{@code local.c}
 * that decides between stepping and slewing and keeps the clock continuous; {@link
 * dev.chronotick.discipline.ClockEngine} holds the status machine (UNSYNCHRONIZED → SYNCHRONIZED ⇄
 * HOLDOVER), the system-clock step watchdog and the counters; {@code StatePublisher} decides where
 * each state is anchored, renews states before their validity horizon and checks how each write
 * landed; {@link dev.chronotick.discipline.BackgroundCollector} is the only part with threads.
 *
 * <p>Everything takes time as injected values ({@code WallClock}, {@code Ticker}, a {@link
 * dev.chronotick.discipline.RoundSource}), so tests drive days of simulated time without sleeping.
 * The output is an immutable {@link dev.chronotick.bridge.PublishedClock}: the correction as a
 * piecewise-linear function of the raw clock, which readers apply with one multiply and no lock.
 *
 * <p>Invariants: the new state equals the old one at the moment of publication and never stands
 * below it afterwards, however late it is written (a slowing correction starts at the old state's
 * horizon, past which the old state runs at the slowest rate any correction has); its slope {@code
 * 1 + frequency + slewRate} stays positive ({@code maxSlewRate + maxFrequency < 1}); steps
 * backwards only at the first synchronisation or when allowed; the published bound contains the
 * round's error bound, the model's error, {@code maxDrift} times the age of the last round, and any
 * correction not yet slewed.
 */
package dev.chronotick.discipline;
