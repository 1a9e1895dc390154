package dev.chronotick.agent.boot;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Appends the bridge module's jar (a resource of the agent, {@value #BRIDGE_JAR_RESOURCE}) to the
 * bootstrap class path once per JVM and returns the boot-loaded {@code ClockBridge}. Refers to the
 * bridge only by name (see the package notes).
 */
public final class BootBridgeInstaller {
  /** Binary name of the bridge class. */
  public static final String BRIDGE_CLASS = "dev.chronotick.bridge.ClockBridge";

  /** The bridge module's jar inside the agent, next to this class. */
  static final String BRIDGE_JAR_RESOURCE = "chronotick-bridge.jar";

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
   * @throws IOException when the bridge jar cannot be found in the agent or written out
   */
  public static Result install(Instrumentation inst) throws IOException {
    Class<?> existing = bootBridgeOrNull();
    if (existing != null) {
      return new Result(existing, false, shadowing(inst));
    }
    List<ClassLoader> shadowing = shadowing(inst);
    Path jar = newTempJar();
    writeBridgeJar(jar);
    try (JarFile bootJar = new JarFile(jar.toFile())) {
      inst.appendToBootstrapClassLoaderSearch(bootJar);
    }
    Class<?> bridge = bootBridgeOrNull();
    if (bridge == null) {
      throw new IOException("bootstrap loader did not pick up " + jar);
    }
    removeName(jar);
    return new Result(bridge, true, shadowing);
  }

  /**
   * Deletes the temporary jar's name once the bootstrap loader holds the file open, so that a JVM
   * that dies without running its shutdown hooks (killed, crashed) leaves nothing behind. Where an
   * open file cannot be deleted the name stays until exit ({@link #newTempJar}).
   */
  private static boolean removeName(Path jar) {
    return jar.toFile().delete();
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
      // the loader first: getName() builds and caches a String for every class it is asked about
      if (c.getClassLoader() != null && BRIDGE_CLASS.equals(c.getName())) {
        loaders.add(c.getClassLoader());
      }
    }
    return loaders;
  }

  /**
   * A new, empty temporary jar file, deleted when the JVM exits (if {@link #removeName} could not
   * delete it earlier). Not {@code Files.createTempFile} (its {@code SecureRandom} costs start-up
   * time), not {@code ProcessHandle} (its class initialisation starts an executor) and not {@code
   * java.nio.file.Files} streams (two dozen channel classes that a cold JVM has not loaded yet): a
   * nanoTime-based name, created exclusively with {@code java.io}, another name on collision.
   */
  static Path newTempJar() throws IOException {
    File dir = new File(System.getProperty("java.io.tmpdir"));
    long seed = System.nanoTime() ^ ((long) System.identityHashCode(new Object()) << 32);
    for (int attempt = 0; attempt <= 100; attempt++) {
      File jar = new File(dir, "chronotick-boot-" + Long.toHexString(seed + attempt) + ".jar");
      if (jar.createNewFile()) {
        jar.deleteOnExit();
        return jar.toPath();
      }
    }
    throw new IOException("no new temporary file name in " + dir + " after 100 attempts");
  }

  /** Copies the nested bridge jar to {@code target}, replacing its content; returns its size. */
  static long writeBridgeJar(Path target) throws IOException {
    byte[] bridgeJar = readBridgeJar();
    try (OutputStream out = new FileOutputStream(target.toFile())) {
      out.write(bridgeJar);
    }
    return bridgeJar.length;
  }

  /**
   * The nested bridge jar's bytes, read straight from the agent jar (or class directory) this class
   * came from; through the class loader only when that is neither. A resource URL would be read
   * through {@code JarURLConnection} and its classes, which a cold JVM has not loaded yet.
   */
  static byte[] readBridgeJar() throws IOException {
    String entry =
        BootBridgeInstaller.class.getPackage().getName().replace('.', '/')
            + "/"
            + BRIDGE_JAR_RESOURCE;
    File source = codeSource();
    if (source != null && source.isFile()) {
      try (JarFile agentJar = new JarFile(source, false)) {
        ZipEntry e = agentJar.getEntry(entry);
        if (e != null) {
          try (InputStream in = agentJar.getInputStream(e)) {
            return in.readAllBytes();
          }
        }
      }
    } else if (source != null && new File(source, entry).isFile()) {
      try (InputStream in = new FileInputStream(new File(source, entry))) {
        return in.readAllBytes();
      }
    }
    try (InputStream in = BootBridgeInstaller.class.getResourceAsStream(BRIDGE_JAR_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "the agent has no "
                + BRIDGE_JAR_RESOURCE
                + " next to "
                + BootBridgeInstaller.class.getName());
      }
      return in.readAllBytes();
    }
  }

  /** The jar or directory this class was loaded from, when it is a local file; else null. */
  private static File codeSource() {
    try {
      CodeSource cs = BootBridgeInstaller.class.getProtectionDomain().getCodeSource();
      URL url = cs == null ? null : cs.getLocation();
      return url == null || !"file".equals(url.getProtocol()) ? null : new File(url.toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
