package dev.chronotick.nts;

/** Why an NTS-protected NTP reply was not used. */
public enum NtsFailure {
  /** The extension fields after the header are not well-formed (RFC 7822 layout). */
  MALFORMED_EXTENSION,
  /** No unique identifier field, or not the one the request carried. */
  UNIQUE_ID_MISMATCH,
  /** No authenticator field, or more than one. */
  MISSING_AUTHENTICATOR,
  /** The authenticator does not verify with the server-to-client key: forged or altered. */
  BAD_AUTHENTICATOR,
  /** The server's NTS negative acknowledgement (KoD NTSN): its cookie was not accepted. */
  NAK
}
