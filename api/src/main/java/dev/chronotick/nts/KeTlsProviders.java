package dev.chronotick.nts;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the TLS that NTS keys can be exported from: the JDK's (25 and later); else BouncyCastle's,
 * on the class path or as jars in the directory of the jar these classes come from (the agent's:
 * {@code bctls-jdk18on-*.jar}, {@code bcprov-jdk18on-*.jar}, {@code bcutil-jdk18on-*.jar}); else
 * none, with a one-line reason. Nothing is loaded before an NTS server is used.
 */
public final class KeTlsProviders {
  static final String[] BC_JARS = {"bctls-jdk18on-", "bcprov-jdk18on-", "bcutil-jdk18on-"};
  private static final String BC_PROBE = "org.bouncycastle.tls.TlsClientProtocol";
  private static final String BC_IMPL = "dev.chronotick.nts.BcKeTls";

  private static volatile KeTls cached;

  private KeTlsProviders() {}

  /** The JDK's TLS when it exports keys, else BouncyCastle's, else null. */
  public static KeTls find() {
    KeTls t = cached;
    if (t == null) {
      t = JdkKeTls.find();
      if (t == null) {
        t = bouncyCastle();
      }
      cached = t;
    }
    return t;
  }

  /** BouncyCastle's, even on JDK 25 (for tests and comparison), or null when absent. */
  public static KeTls bouncyCastle() {
    ClassLoader own = KeTlsProviders.class.getClassLoader();
    try {
      Class.forName(BC_PROBE, false, own);
      return new BcKeTls();
    } catch (ClassNotFoundException | LinkageError e) {
      // not on our class path: look beside our jar
    }
    URL[] jars = jarsBesideUs();
    if (jars.length != BC_JARS.length) {
      return null;
    }
    try {
      ClassLoader loader = new BcLoader(jars, own);
      return (KeTls) Class.forName(BC_IMPL, true, loader).getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /**
   * The one line saying why {@link #find()} gave null: what to add, and where (the directory of the
   * jar these classes come from, when they come from one).
   */
  public static String unavailableReason() {
    File self = ownJar();
    String where =
        self == null
            ? "in the directory of chronotick's jar"
            : "beside " + self.getName() + " (in " + self.getAbsoluteFile().getParent() + ")";
    return "NTS needs JDK 25 or later, or BouncyCastle: put the bctls-jdk18on, bcprov-jdk18on "
        + "and bcutil-jdk18on jars "
        + where
        + " or on the class path; this is Java "
        + System.getProperty("java.version");
  }

  /** The jar these classes were loaded from, or null (a classes directory, or unknown). */
  private static File ownJar() {
    try {
      File self =
          new File(
              KeTlsProviders.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return self.isFile() ? self : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static URL[] jarsBesideUs() {
    List<URL> out = new ArrayList<>();
    try {
      File self = ownJar();
      File[] files = self == null ? null : self.getAbsoluteFile().getParentFile().listFiles();
      if (files == null) {
        return new URL[0];
      }
      for (String prefix : BC_JARS) {
        for (File f : files) {
          if (f.getName().startsWith(prefix) && f.getName().endsWith(".jar")) {
            out.add(f.toURI().toURL());
            break;
          }
        }
      }
    } catch (Exception e) {
      return new URL[0];
    }
    return out.toArray(new URL[0]);
  }

  /**
   * BouncyCastle's jars, with {@link BcKeTls} defined here (child first) so that it links to them;
   * every other class comes from the parent.
   */
  private static final class BcLoader extends URLClassLoader {
    BcLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(BC_IMPL) && !name.startsWith(BC_IMPL + "$")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          String resource = name.replace('.', '/') + ".class";
          try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            c = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
