package dev.chronotick.nts;

import java.util.Arrays;

/**
 * What one successful NTS key exchange gives: the negotiated AEAD algorithm, the client-to-server
 * and server-to-client keys exported from the TLS session, the server's response (cookies, NTP
 * server and port) and how long the exchange took. Immutable; keys are copied on access.
 */
public final class NtsKeys {
  private final int aead;
  private final byte[] c2s;
  private final byte[] s2c;
  private final KeResponse response;
  private final long elapsedNanos;

  NtsKeys(int aead, byte[] c2s, byte[] s2c, KeResponse response, long elapsedNanos) {
    this.aead = aead;
    this.c2s = c2s.clone();
    this.s2c = s2c.clone();
    this.response = response;
    this.elapsedNanos = elapsedNanos;
  }

  /** For tests and tools that have keys from elsewhere. */
  public static NtsKeys of(int aead, byte[] c2s, byte[] s2c, KeResponse response) {
    return new NtsKeys(aead, c2s, s2c, response, 0);
  }

  public int aead() {
    return aead;
  }

  public byte[] c2s() {
    return c2s.clone();
  }

  public byte[] s2c() {
    return s2c.clone();
  }

  public KeResponse response() {
    return response;
  }

  public long elapsedNanos() {
    return elapsedNanos;
  }

  @Override
  public String toString() {
    return "NtsKeys{aead=" + aead + ", " + response + ", keyHash=" + Arrays.hashCode(c2s) + "}";
  }
}
