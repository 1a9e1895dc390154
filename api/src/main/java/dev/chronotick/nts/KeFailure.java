package dev.chronotick.nts;

/**
 * Why an NTS key exchange gave no keys and cookies. Each value is a named, countable reason; the
 * accompanying detail text carries the specifics.
 */
public enum KeFailure {
  /** The KE server's name did not resolve. */
  UNRESOLVABLE,
  /** TCP connect refused or failed. */
  CONNECT_FAILED,
  /** No TCP connection, TLS handshake or complete response within its deadline. */
  TIMEOUT,
  /** The server's certificate chain is not trusted (unknown CA, expired, not yet valid). */
  CERTIFICATE_UNTRUSTED,
  /** The certificate is valid but not for the configured host name. */
  HOST_NAME_MISMATCH,
  /** The server did not agree to ALPN {@code ntske/1}. */
  NO_ALPN,
  /** The server does not speak TLS 1.3 (TLS 1.2 or older only). */
  TLS_VERSION,
  /** Any other TLS failure (alert, handshake error). */
  TLS_FAILED,
  /** The connection ended before the end-of-message record: too little. */
  TRUNCATED,
  /** More than the response limit, or bytes after end of message: too much. */
  TOO_LONG,
  /** A record whose length does not fit its type (e.g. an odd-length list). */
  BAD_RECORD,
  /** A critical record of a type this client does not know (RFC 8915 section 4). */
  UNKNOWN_CRITICAL_RECORD,
  /** A record that may appear once appeared twice. */
  DUPLICATE_RECORD,
  /** The server answered with an error record. */
  SERVER_ERROR,
  /** The server did not select NTPv4 (protocol 0) as next protocol. */
  NO_PROTOCOL,
  /** The server selected no AEAD algorithm, or one not offered. */
  NO_AEAD,
  /** The response carried no cookie, or a cookie of unusable size. */
  NO_COOKIE,
  /** A server or port negotiation record that cannot be used. */
  BAD_SERVER,
  /** No TLS keying-material exporter (JDK before 25 without BouncyCastle on the class path). */
  NO_EXPORTER,
  /** The exporter failed. */
  EXPORT_FAILED
}
