package dev.chronotick.bench.nts;

import dev.chronotick.nts.KeRecords;
import dev.chronotick.nts.NtsAead;
import dev.chronotick.nts.NtsAeads;
import dev.chronotick.nts.NtsExtensionFields;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What NTS adds to one exchange in CPU, per negotiated AEAD: building the request (unique
 * identifier, a 100-byte cookie, its authenticator) and verifying a reply that brings one cookie
 * back, the steady state of a full jar. Keys are set up once, as in a round.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar NtsAeadBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NtsAeadBenchmark {
  @Param({"30", "15", "17"})
  public int aead;

  private NtsAead c2s;
  private NtsAead s2c;
  private byte[] header;
  private byte[] uid;
  private byte[] cookie;
  private byte[] nonce;
  private byte[] reply;

  @Setup
  public void keys() {
    Random r = new Random(8915);
    byte[] k1 = new byte[NtsAeads.keyLength(aead)];
    byte[] k2 = new byte[k1.length];
    r.nextBytes(k1);
    r.nextBytes(k2);
    c2s = NtsAeads.of(aead, k1);
    s2c = NtsAeads.of(aead, k2);
    header = new byte[48];
    header[0] = 0x23;
    uid = new byte[32];
    cookie = new byte[100];
    nonce = new byte[c2s.nonceLength()];
    r.nextBytes(uid);
    r.nextBytes(cookie);
    r.nextBytes(nonce);
    reply = reply(NtsAeads.of(aead, k2));
  }

  /** header | unique id | authenticator(nonce, one sealed cookie), as a server sends it. */
  private byte[] reply(NtsAead server) {
    ByteBuffer out = ByteBuffer.allocate(1024);
    byte[] h = header.clone();
    h[0] = 0x24;
    h[1] = 1;
    out.put(h);
    out.putShort((short) NtsExtensionFields.UNIQUE_IDENTIFIER).putShort((short) (4 + uid.length));
    out.put(uid);
    ByteBuffer inner = ByteBuffer.allocate(4 + cookie.length);
    inner.putShort((short) NtsExtensionFields.COOKIE).putShort((short) (4 + cookie.length));
    inner.put(cookie);
    byte[] ad = Arrays.copyOf(out.array(), out.position());
    byte[] sealed = server.encrypt(nonce, ad, inner.array());
    int noncePadded = (nonce.length + 3) & ~3;
    int sealedPadded = (sealed.length + 3) & ~3;
    out.putShort((short) NtsExtensionFields.AUTHENTICATOR);
    out.putShort((short) (8 + noncePadded + sealedPadded));
    out.putShort((short) nonce.length).putShort((short) sealed.length);
    out.put(Arrays.copyOf(nonce, noncePadded)).put(Arrays.copyOf(sealed, sealedPadded));
    return Arrays.copyOf(out.array(), out.position());
  }

  @Benchmark
  public byte[] request() {
    return NtsExtensionFields.request(header, uid, cookie, 0, c2s, nonce);
  }

  @Benchmark
  public Object verifyReply() {
    NtsExtensionFields.Check c = NtsExtensionFields.verifyReply(reply, reply.length, uid, s2c);
    if (c.verified() == null) {
      throw new IllegalStateException(KeRecords.aeadName(aead) + ": " + c);
    }
    return c;
  }
}
