/**
 * The NTP wire layer: packet codec, one exchange's validation, and the UDP round transport.
 *
 * <p>Data flows {@link dev.chronotick.ntp.RoundRequest} → {@link
 * dev.chronotick.ntp.UdpRoundTransport} → one {@link dev.chronotick.ntp.ExchangeResult} per request
 * (a {@link dev.chronotick.ntp.Sample} or a named {@link dev.chronotick.ntp.RejectReason}). Quality
 * thresholds that the sync stage relaxes on fallback live in {@link
 * dev.chronotick.ntp.SampleLimits}, not in decoding.
 *
 * <p>Prior art: the packet tests and their order follow RFC 5905 (section 8) and chrony's {@code
 * ntp_core.c}; random transmit timestamps (the client never reveals its clock) follow chrony and
 * the NTP client data-minimisation draft (RFC 9109 family); era handling follows RFC 5905 section 6
 * (the era closest to our own clock). The transport is one thread around a non-blocking {@code
 * DatagramChannel} and {@code Selector} — the same "all requests in flight, react to whichever
 * answers" shape as chrony's single-threaded scheduler and the NTP Pool monitor's concurrent probes
 * — so a round costs one round-trip of the slowest server, not the sum. Every request goes out from
 * a fresh ephemeral port per round (chrony's {@code acquisitionport 0} default), and a reply counts
 * only when both its origin timestamp and its source match.
 */
package dev.chronotick.ntp;
