package dev.chronotick.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one fuzzer input with a fixed, documented layout read from the front, so seed files
 * can be written by hand ({@link SeedCorpus}) and every input — even an empty one — decodes to
 * something: fields past the end read as zero.
 */
final class FuzzInput {
  private final byte[] data;
  private int position;

  FuzzInput(byte[] data) {
    this.data = data == null ? new byte[0] : data;
  }

  int u8() {
    return position < data.length ? data[position++] & 0xFF : 0;
  }

  int u16() {
    return (u8() << 8) | u8();
  }

  int s32() {
    return (u16() << 16) | u16();
  }

  long s64() {
    return ((long) s32() << 32) | (s32() & 0xFFFF_FFFFL);
  }

  /** {@code s64()} folded into {@code [min, max]} (both inclusive, {@code min <= max}). */
  long longIn(long min, long max) {
    long span = max - min + 1; // ranges used here never span the whole long range
    return min + Math.floorMod(s64(), span);
  }

  /** Every byte not read yet. */
  byte[] rest() {
    byte[] out = new byte[data.length - Math.min(position, data.length)];
    System.arraycopy(data, Math.min(position, data.length), out, 0, out.length);
    position = data.length;
    return out;
  }

  /**
   * The rest as text. A first byte of {@code 'U'} reads the rest as UTF-16BE code units, so any
   * {@code char} (lone surrogates, U+2028, NUL) can occur; anything else is UTF-8 read from that
   * byte on, so seed files are plain readable text.
   */
  String restAsText() {
    if (position < data.length && data[position] == 'U') {
      position++;
      byte[] b = rest();
      char[] chars = new char[b.length / 2];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) (((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF));
      }
      return new String(chars);
    }
    return new String(rest(), StandardCharsets.UTF_8);
  }
}
