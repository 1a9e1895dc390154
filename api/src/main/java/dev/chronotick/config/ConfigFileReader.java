package dev.chronotick.config;

import java.io.IOException;
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
}
