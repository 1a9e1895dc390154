package dev.chronotick.source.host;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The two files of a host-sharing directory: the lock whose holder is the host's collector, and the
 * segment it publishes in. Both are created for the owner only ({@code rw-------}); files of
 * another user, or writable by group or others, are refused: whoever can write them could feed
 * every JVM of the host any time.
 */
public final class HostFiles {
  public static final String LOCK_FILE = "chronotick-host.lock";
  public static final String SEGMENT_FILE = "chronotick-host.seg";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;

  public HostFiles(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path lockPath() {
    return dir.resolve(LOCK_FILE);
  }

  public Path segmentPath() {
    return dir.resolve(SEGMENT_FILE);
  }

  /**
   * Why {@code p} may not be trusted, or null when it is ours and not writable by others. A file
   * system without POSIX attributes is trusted (no owner to compare).
   */
  static HostRefusal untrusted(Path p, StringBuilder detail) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    if (view == null) {
      return null;
    }
    PosixFileAttributes a = view.readAttributes();
    String me = System.getProperty("user.name");
    if (me != null && !me.equals(a.owner().getName())) {
      detail
          .append(p)
          .append(" owned by ")
          .append(a.owner().getName())
          .append(", we are ")
          .append(me);
      return HostRefusal.FOREIGN_OWNER;
    }
    Set<PosixFilePermission> perms = a.permissions();
    if (perms.contains(PosixFilePermission.GROUP_WRITE)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      detail.append(p).append(" is ").append(PosixFilePermissions.toString(perms));
      return HostRefusal.UNSAFE_PERMISSIONS;
    }
    return null;
  }

  private static void createOwnerOnly(Path p) throws IOException {
    try {
      if (Files.getFileStore(p.getParent())
          .supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(p);
      }
    } catch (FileAlreadyExistsException e) {
      // another JVM made it first
    }
  }

  /** The lock held by this JVM, or why it is not (another holds it, or a refusal). */
  public static final class Election {
    private final FileChannel channel;
    private final FileLock lock;
    private final HostRefusal refusal;
    private final String detail;

    Election(FileChannel channel, FileLock lock, HostRefusal refusal, String detail) {
      this.channel = channel;
      this.lock = lock;
      this.refusal = refusal;
      this.detail = detail;
    }

    /** True when this JVM is now the host's collector. */
    public boolean won() {
      return lock != null;
    }

    /** Why the lock cannot be used at all (null when it can: won, or merely held by another). */
    public HostRefusal refusal() {
      return refusal;
    }

    public String detail() {
      return detail;
    }

    /** Gives the role up (the next JVM to try takes it). */
    public void release() {
      try {
        if (lock != null) {
          lock.release();
        }
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        // closing releases the lock; nothing more to do
      }
    }
  }

  /**
   * Tries once, without waiting, to become the host's collector. The operating system releases the
   * lock when its holder exits or is killed, whatever the cause, so the next try of another JVM
   * succeeds.
   */
  public Election tryLock() {
    Path p = lockPath();
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      createOwnerOnly(p);
      StringBuilder why = new StringBuilder();
      HostRefusal r = untrusted(p, why);
      if (r != null) {
        return new Election(null, null, r, why.toString());
      }
      ch = FileChannel.open(p, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        return new Election(null, null, null, "held by another JVM");
      }
      return new Election(ch, lock, null, "");
    } catch (OverlappingFileLockException e) {
      close(ch);
      return new Election(null, null, null, "held by this JVM");
    } catch (IOException | RuntimeException e) {
      close(ch);
      return new Election(null, null, HostRefusal.IO_ERROR, p + ": " + e);
    }
  }

  private static void close(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** Maps the segment for writing (creating and formatting it when it is not of our layout). */
  public MappedByteBuffer mapForWriting() throws IOException {
    Path p = segmentPath();
    createOwnerOnly(p);
    StringBuilder why = new StringBuilder();
    HostRefusal r = untrusted(p, why);
    if (r != null) {
      throw new IOException(r.text() + ": " + why);
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (ch.size() < HostSegmentCodec.SIZE) {
        ch.truncate(0);
        ch.write(java.nio.ByteBuffer.allocate(HostSegmentCodec.SIZE), 0);
      }
      MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, HostSegmentCodec.SIZE);
      if (!HostSegmentCodec.isOurs(m)) {
        HostSegmentCodec.format(m);
      }
      return m;
    }
  }

  /** A read-only mapping of the segment, or a refusal. */
  public static final class Mapping {
    final MappedByteBuffer buffer;
    final HostRefusal refusal;
    final String detail;

    Mapping(MappedByteBuffer buffer, HostRefusal refusal, String detail) {
      this.buffer = buffer;
      this.refusal = refusal;
      this.detail = detail;
    }
  }

  /** Maps the segment for reading, after checking its owner and permissions. Never throws. */
  public Mapping mapForReading() {
    Path p = segmentPath();
    try {
      StringBuilder why = new StringBuilder();
      HostRefusal r = untrusted(p, why);
      if (r != null) {
        return new Mapping(null, r, why.toString());
      }
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        long size = Math.min(ch.size(), HostSegmentCodec.SIZE);
        return new Mapping(ch.map(FileChannel.MapMode.READ_ONLY, 0, size), null, "");
      }
    } catch (NoSuchFileException e) {
      return new Mapping(null, HostRefusal.MISSING, p.toString());
    } catch (IOException | RuntimeException e) {
      return new Mapping(null, HostRefusal.IO_ERROR, p + ": " + e);
    }
  }
}
