package dev.chronotick.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * Reads the properties file named by the {@code config} option. Injected so tests need no files.
 */
@FunctionalInterface
public interface ConfigFileReader {
  /** The largest config file read (a properties file of options is a few hundred bytes). */
  long MAX_FILE_BYTES = 1L << 20;

  /**
   * Reads {@code path}.
   *
   * @throws IOException with a short message when the file is missing, unreadable or too large
   */
  Properties read(String path) throws IOException;

  /** The real file system, UTF-8, at most {@link #MAX_FILE_BYTES}. */
  static ConfigFileReader fileSystem() {
    return FileSystemConfigReader.INSTANCE;
  }

  /** {@link ConfigFileReader#fileSystem()}: a named class, so reading options links no lambda. */
  final class FileSystemConfigReader implements ConfigFileReader {
    private static final FileSystemConfigReader INSTANCE = new FileSystemConfigReader();

    private FileSystemConfigReader() {}

    @Override
    public Properties read(String path) throws IOException {
      Path p = Paths.get(path);
      if (!Files.isRegularFile(p)) {
        throw new IOException(Files.exists(p) ? "not a regular file" : "no such file");
      }
      long size = Files.size(p);
      if (size > MAX_FILE_BYTES) {
        throw new IOException(
            "file is " + size + " bytes, more than the limit of " + MAX_FILE_BYTES);
      }
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        props.load(r);
      }
      return props;
    }
  }
}
