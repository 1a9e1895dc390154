package dev.chronotick.fuzz;

import dev.chronotick.nts.KeRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Writes the committed seed corpus of {@link NtsFuzzTest} (run from the module directory, like
 * {@link SeedCorpus}).
 */
public final class NtsSeedCorpus {
  private static final Path ROOT =
      Paths.get("src/test/resources/dev/chronotick/fuzz/NtsFuzzTestInputs");

  private NtsSeedCorpus() {}

  public static void main(String[] args) throws IOException {
    Path ke = ROOT.resolve("keResponse");
    Files.createDirectories(ke);
    write(ke, "chrony_like", 0, response(8, 100, true, null, -1, false));
    write(ke, "server_and_port", 1, response(8, 100, true, "ntp.example.org", 1123, false));
    write(ke, "unknown_critical", 0, response(1, 100, true, null, -1, true));
    write(ke, "no_end", 0, Arrays.copyOf(response(2, 100, true, null, -1, false), 200));
    write(ke, "error_record", 0, new byte[] {(byte) 0x80, 2, 0, 2, 0, 1, (byte) 0x80, 0, 0, 0});
    write(ke, "trailing", 0, concat(response(1, 64, true, null, -1, false), new byte[] {1}));
    write(ke, "no_cookie", 0, response(0, 100, true, null, -1, false));
    Path ef = ROOT.resolve("replyFields");
    Files.createDirectories(ef);
    byte[] cookies = new byte[800];
    for (int i = 0; i < cookies.length; i++) {
      cookies[i] = (byte) i;
    }
    write(ef, "genuine_8x100", concat(new byte[] {1, 0, 0, 0, 24}, cookies));
    write(ef, "flipped_8x100", concat(new byte[] {3, 0x12, 0x34, 0, 24}, cookies));
    byte[] uid = new byte[36];
    uid[0] = 0x01;
    uid[1] = 0x04;
    uid[3] = 36;
    byte[] auth = new byte[40];
    auth[0] = 0x04;
    auth[1] = 0x04;
    auth[3] = 40;
    auth[5] = 16;
    auth[7] = 16;
    write(ef, "uid_and_auth", concat(new byte[5], concat(uid, auth)));
    write(ef, "bad_length", concat(new byte[5], new byte[] {1, 4, 0, 3}));
  }

  private static byte[] response(
      int cookies, int size, boolean proto, String server, int port, boolean unknownCritical) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (proto) {
      KeRecords.record(out, true, KeRecords.NEXT_PROTOCOL, new byte[2]);
    }
    KeRecords.record(out, true, KeRecords.AEAD_ALGORITHM, new byte[] {0, 15});
    for (int i = 0; i < cookies; i++) {
      byte[] c = new byte[size];
      Arrays.fill(c, (byte) i);
      KeRecords.record(out, false, KeRecords.NEW_COOKIE, c);
    }
    if (server != null) {
      KeRecords.record(
          out, true, KeRecords.SERVER_NEGOTIATION, server.getBytes(StandardCharsets.US_ASCII));
    }
    if (port >= 0) {
      KeRecords.record(
          out, true, KeRecords.PORT_NEGOTIATION, new byte[] {(byte) (port >>> 8), (byte) port});
    }
    if (unknownCritical) {
      KeRecords.record(out, true, 99, new byte[0]);
    }
    KeRecords.record(out, true, KeRecords.END_OF_MESSAGE, new byte[0]);
    return out.toByteArray();
  }

  private static void write(Path dir, String name, int flags, byte[] data) throws IOException {
    write(dir, name, concat(new byte[] {(byte) flags}, data));
  }

  private static void write(Path dir, String name, byte[] data) throws IOException {
    Files.write(dir.resolve(name), data);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
