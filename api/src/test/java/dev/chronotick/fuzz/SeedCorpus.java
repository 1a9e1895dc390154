package dev.chronotick.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the committed seed corpus of the fuzz tests in this package (run from the module
 * directory: {@code java -cp target/test-classes:... dev.chronotick.fuzz.SeedCorpus}). The files it
 * writes are committed; Jazzer replays them in every build (regression mode) and starts from them
 * when fuzzing.
 */
public final class SeedCorpus {
  private static final Path ROOT = Paths.get("src/test/resources/dev/chronotick/fuzz");
  private static final long T1 = 1_763_700_000_000_000_000L; // 2025-11-21
  private static final long NTP_T1 = ntp(T1);

  private SeedCorpus() {}

  public static void main(String[] args) throws IOException {
    writeReplies();
    writeTimestamps();
    writeValues();
    writeLoaderInputs();
  }

  // --------------------------------------------------------------------------- decodeReply

  private static void writeReplies() throws IOException {
    Path dir = ROOT.resolve("NtpReplyFuzzTestInputs/decodeReply");
    long rx = NTP_T1 + (1L << 32) / 100; // server 10 ms ahead
    long tx = rx + (1L << 32) / 10_000;
    reply(dir, "valid_stratum2", 1, 0, reply(0, 4, 4, 2, 0x0A000001, rx, tx), 20_000_000L);
    reply(dir, "valid_stratum1_gps", 1, 0, reply(0, 4, 4, 1, ascii("GPS"), rx, tx), 20_000_000L);
    reply(dir, "valid_ntpv3", 1, 0, reply(0, 3, 4, 3, 0x7F000001, rx, tx), 5_000_000L);
    reply(dir, "valid_leap_insert", 1, 0, reply(1, 4, 4, 2, 0x0A000001, rx, tx), 20_000_000L);
    reply(
        dir,
        "valid_with_extension_bytes",
        1,
        0,
        concat(reply(0, 4, 4, 2, 1, rx, tx), new byte[20]),
        20_000_000L);
    reply(
        dir,
        "era1_server",
        1,
        0,
        reply(0, 4, 4, 2, 1, rx & 0xFFFF_FFFFL, tx & 0xFFFF_FFFFL),
        20_000_000L);
    reply(dir, "negative_delay", 1, 0, reply(0, 4, 4, 2, 1, rx, rx + (1L << 32)), 1_000L);
    reply(dir, "kod_rate", 1, 0, reply(3, 4, 4, 0, ascii("RATE"), 0, 0), 1_000_000L);
    reply(dir, "kod_deny", 1, 0, reply(3, 4, 4, 0, ascii("DENY"), 0, 0), 1_000_000L);
    reply(dir, "kod_rstr", 1, 0, reply(3, 4, 4, 0, ascii("RSTR"), 0, 0), 1_000_000L);
    reply(dir, "kod_other", 1, 0, reply(3, 4, 4, 0, ascii("XY"), 0, 0), 1_000_000L);
    reply(dir, "stratum0_not_kod", 1, 0, reply(0, 4, 4, 0, 0x01020304, rx, tx), 1_000_000L);
    reply(dir, "stratum16", 1, 0, reply(0, 4, 4, 16, 1, rx, tx), 1_000_000L);
    reply(dir, "leap_alarm", 1, 0, reply(3, 4, 4, 2, 1, rx, tx), 1_000_000L);
    reply(dir, "zero_receive", 1, 0, reply(0, 4, 4, 2, 1, 0, tx), 1_000_000L);
    reply(dir, "zero_transmit", 1, 0, reply(0, 4, 4, 2, 1, rx, 0), 1_000_000L);
    reply(dir, "bogus_origin", 0, 0, reply(0, 4, 4, 2, 1, rx, tx), 1_000_000L);
    reply(dir, "mode_client", 1, 0, reply(0, 4, 3, 2, 1, rx, tx), 1_000_000L);
    reply(dir, "version0", 1, 0, reply(0, 0, 4, 2, 1, rx, tx), 1_000_000L);
    reply(dir, "version7", 1, 0, reply(0, 7, 4, 2, 1, rx, tx), 1_000_000L);
    reply(
        dir,
        "short_47",
        1,
        0,
        java.util.Arrays.copyOf(reply(0, 4, 4, 2, 1, rx, tx), 47),
        1_000_000L);
    reply(dir, "empty", 1, 0, new byte[0], 1_000_000L);
    reply(dir, "declared_longer_than_data", 3, 96, reply(0, 4, 4, 2, 1, rx, tx), 1_000_000L);
    reply(dir, "declared_negative", 3, -1, reply(0, 4, 4, 2, 1, rx, tx), 1_000_000L);
    reply(
        dir, "max_root_fields", 1, 0, withRoot(reply(0, 4, 4, 2, 1, rx, tx), -1, -1), 20_000_000L);
  }

  private static byte[] reply(
      int leap, int version, int mode, int stratum, int referenceId, long receive, long transmit) {
    byte[] b = new byte[48];
    b[0] = (byte) ((leap << 6) | (version << 3) | mode);
    b[1] = (byte) stratum;
    b[2] = 6;
    b[3] = (byte) -20;
    putInt(b, 12, referenceId);
    putLong(b, 24, 0x1234_5678_9ABC_DEF0L); // echoed origin (flag bit 0 makes it the one we sent)
    putLong(b, 32, receive);
    putLong(b, 40, transmit);
    return b;
  }

  private static byte[] withRoot(byte[] b, int rootDelay, int rootDispersion) {
    putInt(b, 4, rootDelay);
    putInt(b, 8, rootDispersion);
    return b;
  }

  /** One decodeReply input in {@link NtpReplyFuzzTest}'s layout. */
  private static void reply(
      Path dir, String name, int flags, int declared, byte[] packet, long roundTrip)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(flags);
    out.write(declared >> 8);
    out.write(declared);
    writeLong(out, T1 - NtpReplyFuzzTest.T1_MIN); // folds to T1
    writeLong(out, 123_456_789_000L); // ticker at send
    writeLong(out, roundTrip + 1_000_000_000L); // folds to roundTrip (range starts at -1 s)
    writeLong(
        out, roundTrip + 3_600_000_000_000L); // T4 - T1 folds to roundTrip (range starts at -1 h)
    writeLong(out, 0x0FED_CBA9_8765_4321L); // what we sent when the reply is not genuine
    out.write(packet);
    write(dir, name, out.toByteArray());
  }

  // --------------------------------------------------------------------------- timestamps

  private static void writeTimestamps() throws IOException {
    Path dir = ROOT.resolve("NtpReplyFuzzTestInputs/timestampConversions");
    timestamps(dir, "now", T1, NTP_T1, 0x0001_0000, 1_000_000L);
    timestamps(
        dir,
        "era_boundary",
        2_085_978_495_999_999_999L,
        0xFFFF_FFFF_FFFF_FFFFL,
        -1,
        65_535_999_984_742L);
    timestamps(dir, "zero", 0, 0, 0, 0);
    timestamps(dir, "negative_nanos", -1L, 1L, 1, -5L);
    timestamps(
        dir, "long_extremes", Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE);
    timestamps(dir, "short_overflow", T1, NTP_T1, 0x7FFF_FFFF, 1L << 48);
  }

  private static void timestamps(
      Path dir, String name, long any, long pivotRaw, int ntpShort, long nanos) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeLong(out, any);
    writeLong(out, pivotRaw);
    writeLong(out, ((long) ntpShort << 32) | (nanos >>> 32));
    writeLong(out, nanos << 32);
    write(dir, name, java.util.Arrays.copyOf(out.toByteArray(), 8 + 8 + 4 + 8));
  }

  // --------------------------------------------------------------------------- options

  private static void writeValues() throws IOException {
    Path dir = ROOT.resolve("OptionsFuzzTestInputs/valueParsers");
    String[][] seeds = {
      {"servers", "time.google.com;time.cloudflare.com:123,[2001:db8::1]:4123 127.0.0.1:65535"},
      {"servers", "[::1"},
      {"servers", "host:0"},
      {"servers", ""},
      {"pollInterval", "64s"},
      {"pollInterval", "PT1M30S"},
      {"timeout", "250ms"},
      {"timeout", "1.5s"},
      {"timeout", "-5s"},
      {"timeout", "9999999999999999999d"},
      {"timeout", "5 µs"},
      {"samples", "+4"},
      {"samples", "-1"},
      {"samples", "99999999999999999999"},
      {"outlierSigma", "5.0"},
      {"outlierSigma", "NaN"},
      {"maxDrift", "50ppm"},
      {"maxDrift", "1e-5"},
      {"parallel", "yes"},
      {"parallel", "maybe"},
      {"include", "com.example.*,org.acme."},
      {"include", "1bad"},
      {"logLevel", "DEBUG"},
      {"config", "/etc/chronotick.properties"},
      {"config", "a\u0000b"},
    };
    int i = 0;
    for (String[] seed : seeds) {
      int index = indexOf(seed[0]);
      write(
          dir,
          String.format("%02d_%s", i++, seed[0]),
          concat(new byte[] {(byte) index}, utf8(seed[1])));
    }
    write(
        dir,
        "utf16_line_separator",
        concat(
            new byte[] {(byte) indexOf("servers"), 'U'},
            "a\u2028b".getBytes(StandardCharsets.UTF_16BE)));
  }

  private static void writeLoaderInputs() throws IOException {
    Path dir = ROOT.resolve("OptionsFuzzTestInputs/optionsLoader");
    char rs = OptionsFuzzTest.LAYER_SEPARATOR;
    char us = OptionsFuzzTest.ENTRY_SEPARATOR;
    loader(
        dir,
        "all_layers_valid",
        1,
        "servers=a.example;b.example:1234,timeout=2s"
            + rs
            + "samples=4"
            + us
            + "maxDelay=300ms"
            + rs
            + "MAX_RETRIES=5"
            + us
            + "FALLBACK=false"
            + rs
            + "pollInterval=64s\noutlierSigma=4\n");
    loader(dir, "agent_only", 0, "servers=127.0.0.1:12345,timeout=250ms,parallel=false");
    loader(dir, "list_with_commas", 0, "servers=a.example,b.example");
    loader(
        dir, "unknown_and_typo", 0, "timout=2s,nonsense=1" + rs + "tiemout=3s" + rs + "SAMPELS=2");
    loader(dir, "given_twice", 0, "timeout=1s,timeout=2s");
    loader(dir, "min_above_max", 0, "minPoll=1h,maxPoll=1m");
    loader(dir, "stale_too_short", 0, "pollInterval=10m,staleAfter=5m");
    loader(dir, "file_unreadable", 3, "" + rs + rs + rs + "timeout=1s");
    loader(dir, "file_names_file", 1, "" + rs + rs + rs + "config=/other\nchronotick.samples=3\n");
    loader(dir, "file_bad_escape", 1, "" + rs + rs + rs + "timeout=\\uZZZZ\n");
    loader(dir, "newline_in_value", 0, "" + rs + "timeout=1\ns" + rs + "SERVERS=a\nb");
    loader(dir, "empty", 0, "");
  }

  private static void loader(Path dir, String name, int flags, String text) throws IOException {
    write(dir, name, concat(new byte[] {(byte) flags}, utf8(text)));
  }

  // --------------------------------------------------------------------------- helpers

  private static int indexOf(String key) {
    for (int i = 0; i < dev.chronotick.config.OptionKeys.all().size(); i++) {
      if (dev.chronotick.config.OptionKeys.all().get(i).name().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException(key);
  }

  private static long ntp(long epochNanos) {
    return dev.chronotick.ntp.NtpTimestamps.fromEpochNanos(epochNanos);
  }

  private static int ascii(String code) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (i < code.length() ? code.charAt(i) : 0);
    }
    return v;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (24 - 8 * i));
    }
  }

  private static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int i = 7; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)));
    }
  }

  private static void write(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), bytes);
  }
}
