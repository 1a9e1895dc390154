package legacyapp;

/**
 * A class the tests make fail to transform ({@code testFailTransform=legacyapp.Victim}): it must
 * keep working, raw.
 */
public final class Victim {
  private Victim() {}

  public static long now() {
    return System.currentTimeMillis();
  }
}
