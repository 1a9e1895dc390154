package dev.chronotick.source.chrony;

import java.nio.ByteBuffer;

/** Builds tracking replies as chronyd lays them out. */
final class TrackingReplies {
  int version = ChronyWire.PROTO_VERSION;
  int type = 2;
  int command = ChronyWire.REQ_TRACKING;
  int replyType = ChronyWire.RPY_TRACKING;
  int status = 0;
  int sequence;
  long refId = 0x7F000001L;
  int stratum = 2;
  int leap = 0;
  long refSeconds = 1_700_000_000L;
  double correction = 0.000_123_456;
  double freqPpm = -12.5;
  double rootDelay = 0.000_200;
  double rootDispersion = 0.000_050;
  int length = ChronyWire.TRACKING_REPLY_LENGTH;

  TrackingReplies(int sequence) {
    this.sequence = sequence;
  }

  byte[] bytes() {
    ByteBuffer b = ByteBuffer.allocate(Math.max(length, ChronyWire.TRACKING_REPLY_LENGTH));
    b.put(0, (byte) version).put(1, (byte) type);
    b.putShort(4, (short) command).putShort(6, (short) replyType).putShort(8, (short) status);
    b.putInt(16, sequence);
    int d = 28;
    b.putInt(d, (int) refId);
    b.putShort(d + 24, (short) stratum).putShort(d + 26, (short) leap);
    b.putInt(d + 28, (int) (refSeconds >>> 32)).putInt(d + 32, (int) refSeconds).putInt(d + 36, 5);
    double[] f = {correction, 1e-6, 2e-6, freqPpm, 0.01, 0.02, rootDelay, rootDispersion, 1.0};
    for (int i = 0; i < f.length; i++) {
      b.putInt(d + 40 + 4 * i, ChronyWire.encodeFloat(f[i]));
    }
    byte[] out = new byte[length];
    System.arraycopy(b.array(), 0, out, 0, length);
    return out;
  }

  ChronyWire.Reply decode() {
    byte[] b = bytes();
    return ChronyWire.decodeTrackingReply(b, b.length, sequence);
  }
}
