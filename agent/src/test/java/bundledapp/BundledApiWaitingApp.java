package bundledapp;

import dev.chronotick.bridge.ClockBridge;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Like {@link BundledApiApp}, but loads its own copy of the bridge before anything attaches: prints
 * the loader, then {@code READY <pid>}, and runs until {@code QUIT} on stdin.
 */
public final class BundledApiWaitingApp {
  private BundledApiWaitingApp() {}

  public static void main(String[] args) throws IOException {
    ClassLoader loader = ClockBridge.class.getClassLoader();
    System.out.println("BRIDGE loader=" + (loader == null ? "boot" : loader.getClass().getName()));
    System.out.println("READY " + ProcessHandle.current().pid());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("QUIT"); line = in.readLine()) {
      // wait
    }
  }
}
