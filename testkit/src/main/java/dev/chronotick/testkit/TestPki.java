package dev.chronotick.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made with {@code openssl} in a directory: a CA
 * certificate and server certificates it signs (EC P-256), with chosen names and validity. Files:
 * {@code <name>.key} (PEM private key), {@code <name>.crt} (PEM certificate), {@code <name>.p12}
 * (key and certificate, password {@link #PASSWORD}) and {@code ca.crt}.
 */
public final class TestPki {
  public static final String PASSWORD = "changeit";
  private final Path dir;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  /** True when {@code openssl} runs. */
  public static boolean isAvailable() {
    for (String d : new String[] {"/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"}) {
      if (new File(d).canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** A new CA (valid from a day ago for ten years) in {@code dir}. */
  public static TestPki create(Path dir) throws IOException {
    TestPki pki = new TestPki(dir);
    Files.createDirectories(dir.resolve("newcerts"));
    Files.write(dir.resolve("index.txt"), new byte[0]);
    Files.write(dir.resolve("serial"), "1000\n".getBytes(StandardCharsets.US_ASCII));
    String conf =
        "[ca]\ndefault_ca = test\n[test]\ndir = "
            + dir
            + "\ndatabase = $dir/index.txt\n"
            + "new_certs_dir = $dir/newcerts\nserial = $dir/serial\ndefault_md = sha256\n"
            + "policy = any\nunique_subject = no\ncopy_extensions = none\n[any]\ncommonName = supplied\n"
            + "[req]\ndistinguished_name = dn\n[dn]\n";
    Files.write(dir.resolve("ca.cnf"), conf.getBytes(StandardCharsets.US_ASCII));
    pki.run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-subj",
        "/CN=ChronoTick test CA",
        "-days",
        "3650",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    return pki;
  }

  public Path dir() {
    return dir;
  }

  public Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  /**
   * A server certificate {@code name} for {@code sans} (e.g. {@code DNS:localhost}, {@code
   * IP:127.0.0.1}), valid from {@code start} to {@code end} ({@code YYYYMMDDHHMMSSZ}).
   */
  public Path serverValid(String name, String start, String end, String... sans)
      throws IOException {
    run(
        "openssl",
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=" + name);
    String ext =
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
            + "extendedKeyUsage=serverAuth\nsubjectAltName="
            + String.join(",", sans)
            + "\n";
    Files.write(dir.resolve(name + ".ext"), ext.getBytes(StandardCharsets.US_ASCII));
    run(
        "openssl",
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-cert",
        "ca.crt",
        "-keyfile",
        "ca.key",
        "-startdate",
        start,
        "-enddate",
        end,
        "-in",
        name + ".csr",
        "-out",
        name + ".crt",
        "-notext",
        "-extfile",
        name + ".ext");
    run(
        "openssl",
        "pkcs12",
        "-export",
        "-inkey",
        name + ".key",
        "-in",
        name + ".crt",
        "-certfile",
        "ca.crt",
        "-out",
        name + ".p12",
        "-passout",
        "pass:" + PASSWORD,
        "-name",
        name);
    return dir.resolve(name + ".crt");
  }

  /** A server certificate valid from a day ago for a year. */
  public Path server(String name, String... sans) throws IOException {
    java.time.format.DateTimeFormatter f =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    java.time.Instant now = java.time.Instant.now();
    return serverValid(
        name, f.format(now.minusSeconds(86_400)), f.format(now.plusSeconds(365 * 86_400L)), sans);
  }

  private void run(String... cmd) throws IOException {
    List<String> c = new ArrayList<>(Arrays.asList(cmd));
    Process p = new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out;
    try {
      out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", c) + " failed: " + new String(out, StandardCharsets.UTF_8).trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }
}
