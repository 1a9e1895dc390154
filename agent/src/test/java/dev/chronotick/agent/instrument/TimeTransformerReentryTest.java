package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM calls the transformer for every class loaded, including those loaded while the
 * transformer's own classes initialise; such a call re-enters {@code transform} on the same thread.
 * Runs the transformer's package in a class loader of its own, so that its classes load and
 * initialise in this test as they do in a fresh JVM, and re-enters {@code transform} from every
 * class that loader loads.
 */
class TimeTransformerReentryTest {
  private static final String PACKAGE = TimeTransformer.class.getPackageName() + ".";

  @Test
  void aTransformReenteredWhileTheTransformersClassesLoadFindsItsPlans() throws Exception {
    ReenteringLoader loader = new ReenteringLoader(TimeTransformerReentryTest.class);
    Class<?> filterClass = loader.loadClass(ClassFilter.class.getName());
    Object filter =
        filterClass.getConstructor(List.class, List.class).newInstance(List.of(), List.of());
    Constructor<?> constructor =
        loader
            .loadClass(TimeTransformer.class.getName())
            .getDeclaredConstructor(filterClass, String.class, Instrumentation.class, Module.class);
    constructor.setAccessible(true);
    ClassFileTransformer transformer =
        (ClassFileTransformer) constructor.newInstance(filter, null, null, null);
    List<byte[]> reentered = new ArrayList<>();
    loader.onLoad = () -> reentered.add(transform(transformer, "java/time/Clock"));

    byte[] date = transform(transformer, "java/util/Date");

    assertNotNull(date, "new Date() rewritten");
    assertEquals(false, reentered.isEmpty(), "the rewrite loaded classes of its own package");
    for (byte[] clock : reentered) {
      assertNotNull(clock, "Clock rewritten by a transform re-entered while a class loaded");
    }
    Method failed = transformer.getClass().getDeclaredMethod("failed");
    failed.setAccessible(true);
    assertEquals(0L, failed.invoke(transformer), "no transformation failed");
  }

  private static byte[] transform(ClassFileTransformer transformer, String internalName) {
    try {
      return transformer.transform(null, internalName, null, null, ClassFiles.of(internalName));
    } catch (IllegalClassFormatException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Defines the classes of the transformer's package itself (child first) and runs {@link #onLoad}
   * after defining each, before the class initialises, as the JVM calls a transformer then, also
   * from inside an earlier {@code onLoad} (up to a depth); other classes come from the parent.
   */
  private static final class ReenteringLoader extends ClassLoader {
    private static final int MAX_DEPTH = 4;

    private final ClassLoader source;
    Runnable onLoad;
    private int depth;

    ReenteringLoader(Class<?> anchor) {
      super(anchor.getClassLoader());
      this.source = anchor.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c != null) {
          return c;
        }
        byte[] bytes;
        try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          bytes = in.readAllBytes();
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
        c = defineClass(name, bytes, 0, bytes.length);
        if (onLoad != null && depth < MAX_DEPTH) {
          depth++;
          try {
            onLoad.run();
          } finally {
            depth--;
          }
        }
        return c;
      }
    }
  }
}
