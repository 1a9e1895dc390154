package dev.chronotick.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Appends the bridge classes to the bootstrap class path once per JVM and returns the boot-loaded
 * {@code ClockBridge}. Refers to the bridge only by name (see the package notes).
 */
public final class BootBridgeInstaller {
  /** Binary name of the bridge class. */
  public static final String BRIDGE_CLASS = "dev.chronotick.internal.ClockBridge";

  static final String BRIDGE_DIR = "dev/chronotick/internal/";
  private static final String[] BRIDGE_FILE_PREFIXES = {"ClockBridge", "PublishedClock"};
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

  private BootBridgeInstaller() {}

  /** What {@link #install} did. */
  public static final class Result {
    private final Class<?> bridgeClass;
    private final boolean appended;
    private final List<ClassLoader> shadowingLoaders;

    Result(Class<?> bridgeClass, boolean appended, List<ClassLoader> shadowingLoaders) {
      this.bridgeClass = bridgeClass;
      this.appended = appended;
      this.shadowingLoaders = Collections.unmodifiableList(new ArrayList<>(shadowingLoaders));
    }

    /** The bridge class as defined by the bootstrap loader. */
    public Class<?> bridgeClass() {
      return bridgeClass;
    }

    /** False when the bridge was already on the boot class path (second attach). */
    public boolean appended() {
      return appended;
    }

    /**
     * Loaders that had already defined their own copy of the bridge before the agent arrived (only
     * possible with dynamic attach); code loaded by them keeps reading its own copy.
     */
    public List<ClassLoader> shadowingLoaders() {
      return shadowingLoaders;
    }
  }

  /**
   * Makes the bridge visible to the bootstrap loader.
   *
   * @throws IOException when the bridge classes cannot be found in the agent or written out
   */
  public static Result install(Instrumentation inst) throws IOException {
    Class<?> existing = bootBridgeOrNull();
    if (existing != null) {
      return new Result(existing, false, shadowing(inst));
    }
    List<ClassLoader> shadowing = shadowing(inst);
    Path jar = newTempJar();
    int written = writeBridgeJar(jar, BootBridgeInstaller.class);
    if (written == 0) {
      throw new IOException("bridge classes " + BRIDGE_DIR + "{ClockBridge,PublishedClock}.class not found next to the agent");
    }
    inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    Class<?> bridge = bootBridgeOrNull();
    if (bridge == null) {
      throw new IOException("bootstrap loader did not pick up " + jar);
    }
    return new Result(bridge, true, shadowing);
  }

  /** The bridge as defined by the bootstrap loader, or null when that loader cannot see it yet. */
  public static Class<?> bootBridgeOrNull() {
    try {
      return Class.forName(BRIDGE_CLASS, false, null);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static List<ClassLoader> shadowing(Instrumentation inst) {
    List<ClassLoader> loaders = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (BRIDGE_CLASS.equals(c.getName()) && c.getClassLoader() != null) {
        loaders.add(c.getClassLoader());
      }
    }
    return loaders;
  }

  /** True for the class files that belong on the boot class path. */
  static boolean isBridgeEntry(String entryName) {
    if (!entryName.startsWith(BRIDGE_DIR) || !entryName.endsWith(".class")) {
      return false;
    }
    String file = entryName.substring(BRIDGE_DIR.length());
    if (file.indexOf('/') >= 0) {
      return false;
    }
    for (String prefix : BRIDGE_FILE_PREFIXES) {
      if (file.equals(prefix + ".class") || file.startsWith(prefix + "$")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A new, empty temporary jar file, deleted when the JVM exits. Not {@code Files.createTempFile} (its
   * {@code SecureRandom} costs tens of milliseconds of start-up) and not {@code ProcessHandle} (its
   * class initialisation starts an executor and spins lambda forms): a nanoTime-based name, created
   * exclusively, another name on collision.
   */
  static Path newTempJar() throws IOException {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
    long seed = System.nanoTime() ^ ((long) System.identityHashCode(new Object()) << 32);
    for (int attempt = 0; ; attempt++) {
      Path jar = dir.resolve("chronotick-boot-" + Long.toHexString(seed + attempt) + ".jar");
      try {
        Files.newOutputStream(jar, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        jar.toFile().deleteOnExit();
        return jar;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Writes the bridge class files found where {@code anchor}'s code source is (the agent jar, or a
   * classes directory in tests; falling back to the anchor's loader) to {@code target}, replacing its
   * content.
   *
   * <p>Start-up matters here: in the agent jar the two class files are looked up by name (the jar's
   * few thousand entries are listed only when {@code ClockBridge} or {@code PublishedClock} name a
   * nested class), and every entry gets a fixed local timestamp, so that writing the jar does not load
   * the time-zone database.
   *
   * @return the number of class files written
   */
  static int writeBridgeJar(Path target, Class<?> anchor) throws IOException {
    Path source = codeSource(anchor);
    if (source != null && Files.isRegularFile(source)) {
      try (JarFile jar = new JarFile(source.toFile(), false)) {
        Map<String, byte[]> files = bridgeFilesIn(jar);
        if (!files.isEmpty()) {
          return writeJar(target, files);
        }
      }
    }
    // Not running from one jar (tests, exploded layouts): look the bridge up through the loader.
    Map<String, byte[]> files = new TreeMap<>();
    ClassLoader loader = anchor.getClassLoader();
    for (String name : bridgeEntryNamesNextTo(anchor)) {
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in != null) {
          files.put(name, in.readAllBytes());
        }
      }
    }
    return writeJar(target, files);
  }

  /** The bridge's class files in {@code jar}, by entry name; empty when it has none. */
  static Map<String, byte[]> bridgeFilesIn(JarFile jar) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    boolean nested = false;
    for (String prefix : BRIDGE_FILE_PREFIXES) {
      JarEntry entry = jar.getJarEntry(BRIDGE_DIR + prefix + ".class");
      if (entry == null) {
        continue;
      }
      byte[] bytes = read(jar, entry);
      files.put(entry.getName(), bytes);
      nested |= mentions(bytes, prefix + "$");
    }
    if (nested) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (isBridgeEntry(entry.getName()) && !files.containsKey(entry.getName())) {
          files.put(entry.getName(), read(jar, entry));
        }
      }
    }
    return files;
  }

  private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** True when {@code text} (ASCII) occurs in {@code bytes}: a class file naming a nested class contains its name. */
  static boolean mentions(byte[] bytes, String text) {
    byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static int writeJar(Path target, Map<String, byte[]> files) throws IOException {
    try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        JarEntry entry = new JarEntry(f.getKey());
        // A local date-time in the DOS range needs no time zone (ZipEntry.setTime would load tzdb).
        entry.setTimeLocal(ENTRY_TIME);
        out.putNextEntry(entry);
        out.write(f.getValue());
        out.closeEntry();
      }
    }
    return files.size();
  }

  private static List<String> bridgeEntryNamesNextTo(Class<?> anchor) throws IOException {
    List<String> names = new ArrayList<>();
    URL url = anchor.getClassLoader().getResource(BRIDGE_DIR + "ClockBridge.class");
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        Path dir = Paths.get(url.toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
          files.map(p -> BRIDGE_DIR + p.getFileName()).filter(BootBridgeInstaller::isBridgeEntry).forEach(names::add);
        }
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    } else {
      for (String prefix : BRIDGE_FILE_PREFIXES) {
        names.add(BRIDGE_DIR + prefix + ".class");
      }
    }
    Collections.sort(names);
    return names;
  }

  private static Path codeSource(Class<?> anchor) {
    try {
      CodeSource cs = anchor.getProtectionDomain().getCodeSource();
      return cs == null || cs.getLocation() == null ? null : Paths.get(cs.getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
