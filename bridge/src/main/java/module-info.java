/**
 * The boot-loaded leaf of ChronoTick: the published correction and the one way to read it. Requires
 * nothing but {@code java.base}, which this descriptor makes the compiler enforce.
 */
module dev.chronotick.bridge {
  exports dev.chronotick.bridge;
}
