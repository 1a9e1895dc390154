package dev.chronotick.ntp;

/** Builds NTP reply datagrams byte by byte for codec tests. */
final class ReplyBytes {
  int leap = 0;
  int version = 4;
  int mode = 4;
  int stratum = 2;
  int rootDelay;
  int rootDispersion;
  int referenceId = 0x0A000001;
  long origin;
  long receive;
  long transmit;

  static ReplyBytes answering(long origin) {
    ReplyBytes r = new ReplyBytes();
    r.origin = origin;
    return r;
  }

  ReplyBytes times(long receiveNtp, long transmitNtp) {
    this.receive = receiveNtp;
    this.transmit = transmitNtp;
    return this;
  }

  ReplyBytes kiss(String code) {
    stratum = 0;
    leap = 3;
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (i < code.length() ? code.charAt(i) : 0);
    }
    referenceId = v;
    return this;
  }

  byte[] build() {
    byte[] b = new byte[48];
    b[0] = (byte) ((leap << 6) | (version << 3) | mode);
    b[1] = (byte) stratum;
    putInt(b, 4, rootDelay);
    putInt(b, 8, rootDispersion);
    putInt(b, 12, referenceId);
    putLong(b, 24, origin);
    putLong(b, 32, receive);
    putLong(b, 40, transmit);
    return b;
  }

  static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (24 - 8 * i));
    }
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }
}
