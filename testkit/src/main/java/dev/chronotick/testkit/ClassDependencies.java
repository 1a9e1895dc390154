package dev.chronotick.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which classes of {@code dev.chronotick} each compiled class refers to, read from the class files'
 * constant pools (class references and descriptors alike), for architecture tests. Nested classes
 * are folded into their top-level class: one node per source file.
 */
public final class ClassDependencies {
  private static final Pattern NAME = Pattern.compile("dev/chronotick/[A-Za-z0-9_/$]+");

  private final Map<String, Set<String>> edges;

  private ClassDependencies(Map<String, Set<String>> edges) {
    this.edges = edges;
  }

  /** Reads every class file under {@code classesDir}. */
  public static ClassDependencies of(Path classesDir) throws IOException {
    Map<String, Set<String>> edges = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String rel = classesDir.relativize(file).toString().replace('\\', '/');
        if (!rel.endsWith(".class")
            || rel.endsWith("module-info.class")
            || rel.endsWith("package-info.class")) {
          continue;
        }
        String self = topLevel(rel.substring(0, rel.length() - ".class".length()));
        Set<String> out = edges.computeIfAbsent(self, k -> new TreeSet<>());
        try (InputStream in = Files.newInputStream(file)) {
          for (String utf8 : utf8Constants(in)) {
            Matcher m = NAME.matcher(utf8);
            while (m.find()) {
              String target = topLevel(m.group());
              if (!target.equals(self)) {
                out.add(target);
              }
            }
          }
        }
      }
    }
    return new ClassDependencies(edges);
  }

  /** Top-level class (internal name, {@code a/b/C}) to the top-level classes it refers to. */
  public Map<String, Set<String>> classEdges() {
    return edges;
  }

  /** Package ({@code a.b}) to the other packages it refers to. */
  public Map<String, Set<String>> packageEdges() {
    Map<String, Set<String>> packages = new TreeMap<>();
    edges.forEach(
        (from, tos) -> {
          Set<String> out = packages.computeIfAbsent(packageOf(from), k -> new TreeSet<>());
          for (String to : tos) {
            if (!packageOf(to).equals(packageOf(from))) {
              out.add(packageOf(to));
            }
          }
        });
    return packages;
  }

  /** {@code a/b/C} → {@code a.b}. */
  public static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
  }

  private static String topLevel(String internalName) {
    int dollar = internalName.indexOf('$');
    return dollar < 0 ? internalName : internalName.substring(0, dollar);
  }

  /** The UTF-8 constants of one class file (JVMS §4.4). */
  private static Set<String> utf8Constants(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    Set<String> strings = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1: // Utf8
          strings.add(in.readUTF());
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          in.readInt();
          break;
        case 5: // Long
        case 6: // Double
          in.readLong();
          i++;
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          in.readUnsignedShort();
          break;
        case 15: // MethodHandle
          in.readUnsignedByte();
          in.readUnsignedShort();
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return strings;
  }
}
