package dev.chronotick.agent.instrument;

import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts transformed classes and logs (then forgets) the ones that fail: byte-buddy has already
 * left such a class unchanged, so the application keeps running with raw time in that class.
 */
final class TransformLogListener extends AgentBuilder.Listener.Adapter {
  private static final Logger LOG = LoggerFactory.getLogger(TimeInstrumentation.class);

  private final AtomicLong transformed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  @Override
  public void onTransformation(
      TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded, DynamicType dynamicType) {
    transformed.incrementAndGet();
    if (LOG.isDebugEnabled()) {
      LOG.debug("instrumented {}{}", type.getName(), loaded ? " (retransformed)" : "");
    }
  }

  @Override
  public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
    failed.incrementAndGet();
    LOG.warn("could not instrument {}, left unchanged (raw time in this class): {}", typeName, String.valueOf(error));
  }

  long transformed() {
    return transformed.get();
  }

  long failed() {
    return failed.get();
  }
}
