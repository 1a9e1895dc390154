package dev.chronotick.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published surface of {@code chronotick-api}: the package {@code dev.chronotick}, at most
 * twelve public types, no engine type in a public or protected signature, and a module descriptor
 * that exports that package only (and opens the runtime package, for JMX, to reflection).
 */
class PublicApiTest {
  private static final int MAX_PUBLIC_TYPES = 12;
  private static Path classes;
  private static final List<Class<?>> PUBLIC_TYPES = new ArrayList<>();

  @BeforeAll
  static void read() throws Exception {
    classes =
        Paths.get(CorrectedClock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.list(classes.resolve("dev/chronotick"))) {
      for (Path file : files.collect(Collectors.toList())) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class")) {
          continue;
        }
        Class<?> c =
            Class.forName(
                "dev.chronotick." + name.substring(0, name.length() - 6),
                false,
                PublicApiTest.class.getClassLoader());
        if (isPublished(c)) {
          PUBLIC_TYPES.add(c);
        }
      }
    }
  }

  private static boolean isPublished(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return !c.isAnonymousClass() && !c.isSynthetic();
  }

  @Test
  void atMostTwelvePublicTypes() {
    assertTrue(PUBLIC_TYPES.size() <= MAX_PUBLIC_TYPES, PUBLIC_TYPES.toString());
  }

  @Test
  void publicSignaturesUseOnlyJavaTypesAndThisPackage() {
    Set<String> leaks = new TreeSet<>();
    for (Class<?> c : PUBLIC_TYPES) {
      check(c.getName() + " extends", c.getGenericSuperclass(), leaks);
      for (Type t : c.getGenericInterfaces()) {
        check(c.getName() + " implements", t, leaks);
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
        }
      }
      List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
      members.addAll(List.<Constructor<?>>of(c.getDeclaredConstructors()));
      for (Executable m : members) {
        if (!visible(m.getModifiers()) || m.isSynthetic()) {
          continue;
        }
        String where = c.getName() + "." + m.getName();
        if (m instanceof Method) {
          check(where + " returns", ((Method) m).getGenericReturnType(), leaks);
        }
        for (Type p : m.getGenericParameterTypes()) {
          check(where + " takes", p, leaks);
        }
        for (Type e : m.getGenericExceptionTypes()) {
          check(where + " throws", e, leaks);
        }
      }
    }
    assertEquals(Set.of(), leaks);
  }

  @Test
  void theModuleDescriptorExportsOnlyThePublicPackage() throws Exception {
    Path descriptor = classes.resolve("META-INF/versions/9/module-info.class");
    assertTrue(Files.isRegularFile(descriptor), descriptor + " is built");
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(descriptor)) {
      module = ModuleDescriptor.read(in);
    }
    assertEquals("dev.chronotick.api", module.name());
    Set<String> exported = new TreeSet<>();
    for (ModuleDescriptor.Exports e : module.exports()) {
      assertTrue(!e.isQualified(), "no qualified export: " + e);
      exported.add(e.source());
    }
    assertEquals(Set.of("dev.chronotick"), exported);
    Set<String> opened = new TreeSet<>();
    for (ModuleDescriptor.Opens o : module.opens()) {
      opened.add(o.source());
    }
    assertEquals(Set.of("dev.chronotick.runtime"), opened, "opened for the MBean server only");
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(String where, Type type, Set<String> leaks) {
    if (type == null) {
      return;
    }
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (!c.isPrimitive()
          && !c.getName().startsWith("java.")
          && !c.getPackageName().equals("dev.chronotick")) {
        leaks.add(where + " " + c.getName());
      }
    } else if (type instanceof ParameterizedType) {
      check(where, ((ParameterizedType) type).getRawType(), leaks);
      for (Type a : ((ParameterizedType) type).getActualTypeArguments()) {
        check(where, a, leaks);
      }
    } else if (type instanceof GenericArrayType) {
      check(where, ((GenericArrayType) type).getGenericComponentType(), leaks);
    } else if (type instanceof WildcardType) {
      for (Type b : ((WildcardType) type).getUpperBounds()) {
        check(where, b, leaks);
      }
      for (Type b : ((WildcardType) type).getLowerBounds()) {
        check(where, b, leaks);
      }
    } else if (type instanceof TypeVariable) {
      for (Type b : ((TypeVariable<?>) type).getBounds()) {
        check(where, b, leaks);
      }
    }
  }
}
