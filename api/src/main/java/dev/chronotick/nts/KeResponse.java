package dev.chronotick.nts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A decoded NTS-KE server response (RFC 8915 section 4): the negotiated AEAD algorithm, the
 * cookies, the NTP server and port if the server named them, and any warnings. Immutable.
 */
public final class KeResponse {
  private final int aead;
  private final List<byte[]> cookies;
  private final String server;
  private final int port;
  private final List<Integer> warnings;

  KeResponse(int aead, List<byte[]> cookies, String server, int port, List<Integer> warnings) {
    this.aead = aead;
    List<byte[]> copy = new ArrayList<>(cookies.size());
    for (byte[] c : cookies) {
      copy.add(c.clone());
    }
    this.cookies = Collections.unmodifiableList(copy);
    this.server = server;
    this.port = port;
    this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
  }

  /** The AEAD algorithm the server selected (one of those offered). */
  public int aead() {
    return aead;
  }

  /** The cookies, in the order received (each array a copy on access). */
  public List<byte[]> cookies() {
    List<byte[]> out = new ArrayList<>(cookies.size());
    for (byte[] c : cookies) {
      out.add(c.clone());
    }
    return out;
  }

  public int cookieCount() {
    return cookies.size();
  }

  /** The NTP server the KE server named, or null for the KE server's own address. */
  public String server() {
    return server;
  }

  /** The NTP port the KE server named, or -1 for the default 123. */
  public int port() {
    return port;
  }

  /** Warning codes the server sent (the exchange still succeeded). */
  public List<Integer> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "KeResponse{aead="
        + aead
        + ", cookies="
        + cookies.size()
        + (server == null ? "" : ", server=" + server)
        + (port < 0 ? "" : ", port=" + port)
        + "}";
  }
}
