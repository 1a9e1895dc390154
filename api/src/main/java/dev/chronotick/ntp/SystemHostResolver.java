package dev.chronotick.ntp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@link HostResolver#system()}: a named class, so the engine's start links no lambda. */
final class SystemHostResolver implements HostResolver {
  static final SystemHostResolver INSTANCE = new SystemHostResolver();

  private SystemHostResolver() {}

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    return InetAddress.getAllByName(host);
  }
}
