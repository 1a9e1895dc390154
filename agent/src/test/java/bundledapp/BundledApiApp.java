package bundledapp;

import dev.chronotick.bridge.ClockBridge;

/**
 * An application that bundles its own copy of {@code chronotick-api} (the test puts {@code
 * api/target/classes} on its class path). Prints which loader defined the bridge it sees and the
 * offset published there, then exits.
 */
public final class BundledApiApp {
  private BundledApiApp() {}

  public static void main(String[] args) {
    ClassLoader loader = ClockBridge.class.getClassLoader();
    System.out.println(
        "BRIDGE loader="
            + (loader == null ? "boot" : loader.getClass().getName())
            + " offsetNanos="
            + ClockBridge.state().anchorOffsetNanos()
            + " status="
            + ClockBridge.state().status());
  }
}
