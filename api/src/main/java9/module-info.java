/**
 * ChronoTick's library: the public API {@code dev.chronotick} and the engine behind it. Only the
 * API is exported; the engine packages are the agent's and the tests' concern and may change in any
 * release. The runtime package is opened, not exported: the platform MBean server reads the
 * MXBean interface there by reflection from a class outside every named module (so a qualified
 * export to {@code java.management} is not enough), while no code can compile against it. The
 * contract of that view is its JMX names, not its Java types.
 *
 * <p>Compiled into {@code META-INF/versions/9/} of a multi-release jar so that the class path,
 * the agent's shaded jar and the tests see no descriptor.
 */
module dev.chronotick.api {
  requires dev.chronotick.bridge;
  requires java.management;
  requires org.apache.commons.net;
  requires org.slf4j;

  exports dev.chronotick;
  opens dev.chronotick.runtime;
}
