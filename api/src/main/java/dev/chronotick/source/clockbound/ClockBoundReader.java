package dev.chronotick.source.clockbound;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads one ClockBound segment file through a read-only memory mapping. The mapping is kept between
 * reads and made again when the file's size changes or a read is refused (the daemon may have
 * recreated the file). Never throws; not thread-safe (one source thread reads it).
 */
public final class ClockBoundReader {
  /** Larger files are mapped only this far: every known layout fits. */
  static final int MAX_MAPPED = 4096;

  private final Path path;
  private SegmentView view;
  private long mappedFileSize = -1;

  public ClockBoundReader(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  public Path path() {
    return path;
  }

  /** One seqlock read of the segment. */
  public ClockBoundRead read() {
    try {
      long size = fileSize();
      if (size < 0) {
        drop();
        return ClockBoundRead.refused(Refusal.MISSING, path.toString());
      }
      if (view == null || size != mappedFileSize) {
        map(size);
      }
      ClockBoundRead read = ClockBoundDecoder.decode(view);
      if (!read.isOk()) {
        drop();
      }
      return read;
    } catch (NoSuchFileException e) {
      drop();
      return ClockBoundRead.refused(Refusal.MISSING, path.toString());
    } catch (IOException | RuntimeException | InternalError e) {
      drop();
      return ClockBoundRead.refused(Refusal.IO_ERROR, path + ": " + e);
    }
  }

  private long fileSize() throws IOException {
    try {
      return java.nio.file.Files.size(path);
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private void map(long size) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long n = Math.min(Math.min(size, ch.size()), MAX_MAPPED);
      MappedByteBuffer buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, n);
      view = new ByteBufferSegment(buffer);
      mappedFileSize = size;
    }
  }

  private void drop() {
    view = null;
    mappedFileSize = -1;
  }
}
