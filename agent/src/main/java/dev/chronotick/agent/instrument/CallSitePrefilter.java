package dev.chronotick.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Decides without parsing that a class file cannot contain a {@code currentTimeMillis} call: such a
 * call needs the name {@code currentTimeMillis} as a constant-pool UTF-8 entry, so a class file
 * without those bytes is passed over. Every class the agent rewrites (application classes with a
 * call site, and each JDK target, including {@code java.time.Clock}, whose {@code currentInstant()}
 * reads it) passes. Most classes of a typical application do not, which keeps start-up and attach
 * cheap.
 */
final class CallSitePrefilter {
  private static final byte[] NAME = "currentTimeMillis".getBytes(StandardCharsets.US_ASCII);

  private CallSitePrefilter() {}

  /** True when {@code classFile} contains the bytes of {@code currentTimeMillis}. */
  static boolean mentionsCurrentTimeMillis(byte[] classFile) {
    if (classFile == null) {
      return false;
    }
    byte first = NAME[0];
    int last = classFile.length - NAME.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (classFile[i] != first) {
        continue;
      }
      for (int j = 1; j < NAME.length; j++) {
        if (classFile[i + j] != NAME[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * For an already-loaded class about to be retransformed: false only when its class file can be
   * read from its loader and does not mention {@code currentTimeMillis} (then retransforming it
   * would be wasted work). Classes without a readable class file (generated ones) are retransformed
   * and decided on the bytes the JVM hands over.
   */
  static boolean mayCallCurrentTimeMillis(Class<?> loaded) {
    try (LoadedClassFiles files = new LoadedClassFiles()) {
      return files.mayCallCurrentTimeMillis(loaded);
    }
  }

  /**
   * Reads the class files of loaded classes for {@link #mayCallCurrentTimeMillis}, straight from
   * their code source when that is a local directory or jar (one open jar per code source, kept for
   * the pass), else through the class loader. The loader's resource lookup costs a URL, a
   * connection and a stream per class, which over thousands of classes would dominate an attach.
   * One instance per selection pass; not thread-safe.
   */
  static final class LoadedClassFiles implements AutoCloseable {
    private final Map<CodeSource, Object> locations = new IdentityHashMap<>();

    /** See {@link CallSitePrefilter#mayCallCurrentTimeMillis(Class)}. */
    boolean mayCallCurrentTimeMillis(Class<?> loaded) {
      if (loaded == null || loaded.getClassLoader() == null) {
        return true;
      }
      byte[] classFile = read(loaded);
      return classFile == null || mentionsCurrentTimeMillis(classFile);
    }

    /** The class file of {@code loaded}, or null when it cannot be found. */
    byte[] read(Class<?> loaded) {
      String entry = loaded.getName().replace('.', '/') + ".class";
      try {
        byte[] direct = readFromCodeSource(loaded, entry);
        if (direct != null) {
          return direct;
        }
        try (InputStream in = loaded.getClassLoader().getResourceAsStream(entry)) {
          return in == null ? null : in.readAllBytes();
        }
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private byte[] readFromCodeSource(Class<?> loaded, String entry) throws IOException {
      CodeSource cs = loaded.getProtectionDomain().getCodeSource();
      if (cs == null) {
        return null;
      }
      Object location = locations.get(cs);
      if (location == null && !locations.containsKey(cs)) {
        location = open(cs.getLocation());
        locations.put(cs, location);
      }
      if (location instanceof Path) {
        Path file = ((Path) location).resolve(entry);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      }
      if (location instanceof JarFile) {
        JarFile jar = (JarFile) location;
        JarEntry e = jar.getJarEntry(entry);
        if (e == null) {
          return null;
        }
        try (InputStream in = jar.getInputStream(e)) {
          return in.readAllBytes();
        }
      }
      return null;
    }

    /** A directory {@code Path}, an open {@code JarFile}, or null (not a local file: ask the loader). */
    private static Object open(URL url) {
      if (url == null || !"file".equals(url.getProtocol())) {
        return null;
      }
      try {
        Path path = Paths.get(url.toURI());
        if (Files.isDirectory(path)) {
          return path;
        }
        if (Files.isRegularFile(path)) {
          return new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
        }
      } catch (IOException | URISyntaxException | RuntimeException e) {
        // fall back to the loader
      }
      return null;
    }

    @Override
    public void close() {
      for (Object location : locations.values()) {
        if (location instanceof JarFile) {
          try {
            ((JarFile) location).close();
          } catch (IOException e) {
            // nothing to do: it was only read
          }
        }
      }
      locations.clear();
    }
  }
}
