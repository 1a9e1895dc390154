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
   * Whether the constant pool of {@code classFile} holds the UTF-8 entry {@code currentTimeMillis}
   * (what a call site, or a method reference, needs). Walks the pool's entries (a few hundred)
   * rather than every byte of the file: at start-up this runs interpreted, once per loaded class. A
   * file that is not a class file, is cut short, or has a tag this does not know answers true (the
   * transformer decides on the bytes the JVM hands over).
   */
  static boolean constantPoolNames(byte[] classFile) {
    if (classFile == null) {
      return true;
    }
    Boolean found = scanPool(classFile, classFile.length);
    return found == null || found;
  }

  /**
   * {@link #constantPoolNames} on the first {@code n} bytes of {@code b}: null when the pool goes
   * on past them (read more and ask again).
   */
  static Boolean scanPool(byte[] b, int n) {
    if (n < 10) {
      return null;
    }
    if ((b[0] & 0xFF) != 0xCA
        || (b[1] & 0xFF) != 0xFE
        || (b[2] & 0xFF) != 0xBA
        || (b[3] & 0xFF) != 0xBE) {
      return Boolean.TRUE;
    }
    int count = u2(b, 8);
    int p = 10;
    for (int i = 1; i < count; i++) {
      if (p >= n) {
        return null;
      }
      int tag = b[p] & 0xFF;
      switch (tag) {
        case 1: // Utf8
          if (p + 3 > n) {
            return null;
          }
          int length = u2(b, p + 1);
          if (length == NAME.length) {
            if (p + 3 + length > n) {
              return null;
            }
            if (sameAsName(b, p + 3)) {
              return Boolean.TRUE;
            }
          }
          p += 3 + length;
          break;
        case 7:
        case 8:
        case 16:
        case 19:
        case 20: // Class, String, MethodType, Module, Package
          p += 3;
          break;
        case 15: // MethodHandle
          p += 4;
          break;
        case 3:
        case 4:
        case 9:
        case 10:
        case 11:
        case 12:
        case 17:
        case 18: // Integer .. InvokeDynamic
          p += 5;
          break;
        case 5:
        case 6: // Long, Double: two slots
          p += 9;
          i++;
          break;
        default:
          return Boolean.TRUE;
      }
    }
    return Boolean.FALSE;
  }

  private static int u2(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static boolean sameAsName(byte[] b, int at) {
    for (int j = 0; j < NAME.length; j++) {
      if (b[at + j] != NAME[j]) {
        return false;
      }
    }
    return true;
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
      try (InputStream in = open(loaded)) {
        return in == null || poolNames(in);
      } catch (IOException | RuntimeException e) {
        return true;
      }
    }

    /**
     * {@link #constantPoolNames} reading only as far as the pool goes: for a compressed jar entry
     * the methods after it are never inflated.
     */
    private static boolean poolNames(InputStream in) throws IOException {
      byte[] b = new byte[4096];
      int n = 0;
      while (true) {
        int read = in.readNBytes(b, n, b.length - n);
        n += read;
        Boolean found = scanPool(b, n);
        if (found != null) {
          return found;
        }
        if (n < b.length) {
          return true; // ended inside the pool: cannot tell
        }
        b = java.util.Arrays.copyOf(b, b.length * 2);
      }
    }

    /** The class file of {@code loaded}, or null when it cannot be found. */
    byte[] read(Class<?> loaded) {
      try (InputStream in = open(loaded)) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    /** A stream of the class file of {@code loaded}, or null when it cannot be found. */
    private InputStream open(Class<?> loaded) throws IOException {
      String entry = loaded.getName().replace('.', '/') + ".class";
      InputStream direct = openFromCodeSource(loaded, entry);
      return direct != null ? direct : loaded.getClassLoader().getResourceAsStream(entry);
    }

    private InputStream openFromCodeSource(Class<?> loaded, String entry) throws IOException {
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
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
      }
      if (location instanceof JarSource) {
        JarSource source = (JarSource) location;
        JarEntry e = source.find(entry);
        return e == null ? null : source.jar.getInputStream(e);
      }
      return null;
    }

    /**
     * An open jar and where in it its class files are. Agents that keep their classes apart from
     * the application's (the OpenTelemetry agent's {@code inst/...classdata}) store them under a
     * prefix and suffix of their own; asking their loader for each class is slow (a lookup through
     * its parents), so the layout is found once from the first class not at its usual place.
     */
    static final class JarSource implements AutoCloseable {
      final JarFile jar;

      /**
       * Passes over the jar spent looking for its layout (a generated class has no entry anywhere).
       */
      private int searches;

      private String prefix;
      private String suffix;

      static final int MAX_LAYOUT_SEARCHES = 3;

      JarSource(JarFile jar) {
        this.jar = jar;
      }

      @Override
      public void close() throws IOException {
        jar.close();
      }

      /**
       * The entry of {@code entry} ({@code a/b/C.class}), at its usual place or in the jar's
       * layout.
       */
      JarEntry find(String entry) {
        JarEntry e = jar.getJarEntry(entry);
        if (e != null) {
          return e;
        }
        String base = entry.substring(0, entry.length() - ".class".length());
        if (prefix == null && searches < MAX_LAYOUT_SEARCHES) {
          searches++;
          learnLayout(base);
        }
        return prefix == null ? null : jar.getJarEntry(prefix + base + suffix);
      }

      /**
       * Finds an entry {@code <prefix><base><suffix>} with a class-file suffix; one pass over the
       * jar.
       */
      private void learnLayout(String base) {
        java.util.Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          int at = name.indexOf(base);
          if (at > 0 && name.charAt(at - 1) == '/') {
            String tail = name.substring(at + base.length());
            if (tail.equals(".class") || tail.equals(".classdata")) {
              prefix = name.substring(0, at);
              suffix = tail;
              return;
            }
          }
        }
      }
    }

    /**
     * A directory {@code Path}, an open {@link JarSource}, or null (not a local file: ask the
     * loader).
     */
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
          return new JarSource(
              new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version()));
        }
      } catch (IOException | URISyntaxException | RuntimeException e) {
        // fall back to the loader
      }
      return null;
    }

    @Override
    public void close() {
      for (Object location : locations.values()) {
        if (location instanceof JarSource) {
          try {
            ((JarSource) location).jar.close();
          } catch (IOException e) {
            // nothing to do: it was only read
          }
        }
      }
      locations.clear();
    }
  }
}
