package dev.chronotick.ntp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to addresses. Injected into {@link UdpRoundTransport} so tests can make a
 * name slow or failing without DNS. Only called for names, never for IP literals.
 */
@FunctionalInterface
public interface HostResolver {
  /** All addresses of {@code host}, best first; throws when the name does not resolve. */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /** The JDK resolver ({@link InetAddress#getAllByName}, with its positive/negative caches). */
  static HostResolver system() {
    return SystemHostResolver.INSTANCE;
  }

  /** {@link HostResolver#system()}: a named class, so the engine's start links no lambda. */
  final class SystemHostResolver implements HostResolver {
    private static final SystemHostResolver INSTANCE = new SystemHostResolver();

    private SystemHostResolver() {}

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return InetAddress.getAllByName(host);
    }
  }
}
