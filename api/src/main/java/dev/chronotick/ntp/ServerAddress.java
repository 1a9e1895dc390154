package dev.chronotick.ntp;

import java.util.Objects;

/**
 * A configured NTP server: a host name or literal address and a UDP port (default 123), or an NTS
 * server ({@code nts://host[:port]}), whose port is NTS-KE's TCP port (default 4460) and whose time
 * is taken only when authenticated. Parsing is purely syntactic; resolution happens per round, so
 * one server's DNS failure is that server's error only.
 */
public final class ServerAddress {
  public static final int DEFAULT_PORT = 123;

  /** NTS-KE's TCP port (RFC 8915). */
  public static final int DEFAULT_NTS_PORT = 4460;

  /** The scheme that marks an NTS server. */
  public static final String NTS_PREFIX = "nts://";

  private final String host;
  private final int port;
  private final boolean nts;

  public ServerAddress(String host, int port) {
    this(host, port, false);
  }

  /** An NTS server: {@code port} is its NTS-KE port. */
  public static ServerAddress nts(String host, int port) {
    return new ServerAddress(host, port, true);
  }

  private ServerAddress(String host, int port, boolean nts) {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host name");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range 1..65535: " + port);
    }
    this.host = host;
    this.port = port;
    this.nts = nts;
  }

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException with a one-line message naming the bad text
   */
  public static ServerAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("server address is missing");
    }
    String s = text.trim();
    boolean nts = s.regionMatches(true, 0, NTS_PREFIX, 0, NTS_PREFIX.length());
    if (nts) {
      s = s.substring(NTS_PREFIX.length());
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException(
          nts ? "missing host in server address '" + oneLine(text) + "'" : "empty server address");
    }
    String host;
    String portText = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            "unclosed '[' in server address '" + oneLine(text) + "'");
      }
      host = s.substring(1, close);
      if (host.indexOf(':') == host.lastIndexOf(':')) {
        // An IPv6 literal has at least two colons. Anything else in brackets would print back
        // ({@link #toString}) as text that does not parse, e.g. [a:b] as a:b (host a, port b).
        throw new IllegalArgumentException(
            "only an IPv6 literal goes in brackets, not '"
                + oneLine(host)
                + "', in server address '"
                + oneLine(text)
                + "'");
      }
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException(
              "unexpected text after ']' in server address '" + oneLine(text) + "'");
        }
        portText = rest.substring(1);
      }
    } else {
      int colon = s.indexOf(':');
      if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
        host = s; // bare IPv6 literal without port
      } else if (colon >= 0) {
        host = s.substring(0, colon);
        portText = s.substring(colon + 1);
      } else {
        host = s;
      }
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("missing host in server address '" + oneLine(text) + "'");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (Character.isWhitespace(c)
          || Character.isISOControl(c)
          || c == '/'
          || c == ','
          || c == ';'
          || c == '['
          || c == ']') {
        throw new IllegalArgumentException(
            "invalid character in server address '" + oneLine(text) + "'");
      }
    }
    int port = nts ? DEFAULT_NTS_PORT : DEFAULT_PORT;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad port '" + oneLine(portText) + "' in server address '" + oneLine(text) + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "port out of range 1..65535 in server address '" + oneLine(text) + "'");
      }
    }
    return new ServerAddress(host, port, nts);
  }

  /**
   * The text with control characters and line separators escaped, so a message stays on one line.
   */
  private static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  public String host() {
    return host;
  }

  /** The NTP port, or for an NTS server the NTS-KE port. */
  public int port() {
    return port;
  }

  /** True for a server queried with NTS ({@code nts://}). */
  public boolean isNts() {
    return nts;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ServerAddress)) {
      return false;
    }
    ServerAddress that = (ServerAddress) o;
    return port == that.port && nts == that.nts && host.equals(that.host);
  }

  @Override
  public int hashCode() {
    return (host.hashCode() * 31 + port) * 2 + (nts ? 1 : 0);
  }

  /**
   * {@code host} when the port is 123, else {@code host:port} ({@code [v6]:port} for IPv6); an NTS
   * server the same with {@code nts://} in front and its default port 4460.
   */
  @Override
  public String toString() {
    String prefix = nts ? NTS_PREFIX : "";
    if (port == (nts ? DEFAULT_NTS_PORT : DEFAULT_PORT)) {
      return prefix + host;
    }
    return prefix + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
