/**
 * Network Time Security (RFC 8915) for the NTP client: the AEAD algorithms (AES-SIV-CMAC, RFC 5297;
 * AES-GCM-SIV, RFC 8452), the NTS-KE record codec, the NTS extension fields of an NTP packet (RFC
 * 7822 layout), and the NTS-KE client over TLS 1.3.
 *
 * <p>This package uses only {@code java.*} (and, reflectively, BouncyCastle's JSSE provider when
 * the JDK has no TLS keying-material exporter), so the NTP transport can call it.
 *
 * <p>Prior art: RFC 8915 (records, extension fields, key export), RFC 5297 (SIV), RFC 4493 (CMAC),
 * RFC 8452 (GCM-SIV, POLYVAL through GHASH as its appendix A shows), NIST SP 800-38D (GHASH), RFC
 * 7822 (extension-field layout); chrony's {@code nts_ke_client.c}, {@code nts_ntp_client.c} and
 * {@code siv_nettle.c} for the client's state machine (a jar of eight cookies, a fresh key exchange
 * when it runs dry or on an NTS NAK).
 */
package dev.chronotick.nts;
