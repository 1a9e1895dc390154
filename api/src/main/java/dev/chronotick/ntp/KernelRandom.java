package dev.chronotick.ntp;

import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Unpredictable bits for request transmit timestamps straight from the kernel ({@code
 * /dev/urandom}, as chrony uses {@code getrandom()}), falling back to {@link SecureRandom} where
 * there is no such device.
 *
 * <p>Why not {@code new SecureRandom()} always: in a cold JVM its provider machinery costs about
 * 100 ms, and the agent's premain waits for the first poll round, so that is start-up time of the
 * host application. Reading the kernel device is as unpredictable and costs a file open.
 */
final class KernelRandom extends Random {
  private static final long serialVersionUID = 1L;
  private static final String URANDOM = "/dev/urandom";

  private final transient DataInputStream in;
  private final transient SecureRandom fallback;

  private KernelRandom(DataInputStream in, SecureRandom fallback) {
    super(0L); // the seed is never used: next() is overridden
    this.in = in;
    this.fallback = fallback;
  }

  /** A kernel-backed source, or {@link SecureRandom} when {@code /dev/urandom} cannot be read. */
  static Random create() {
    try {
      // java.io, not Files.newInputStream: no FileChannel classes to load on the engine's start
      InputStream raw = new FileInputStream(URANDOM);
      return new KernelRandom(new DataInputStream(new java.io.BufferedInputStream(raw, 512)), null);
    } catch (IOException | RuntimeException e) {
      // no such device, or not readable: SecureRandom
    }
    return new KernelRandom(null, new SecureRandom());
  }

  @Override
  protected synchronized int next(int bits) {
    int value;
    if (in != null) {
      try {
        value = in.readInt();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + URANDOM + ": " + e.getMessage(), e);
      }
    } else {
      value = fallback.nextInt();
    }
    return value >>> (32 - bits);
  }
}
