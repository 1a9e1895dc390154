package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassFilterTest {
  @Test
  void jdkAgentAndShadedClassesAreNeverApplicationCode() {
    ClassFilter all = new ClassFilter(List.of(), List.of());
    for (String name :
        List.of(
            "java.util.Date",
            "javax.swing.Timer",
            "jdk.internal.misc.VM",
            "sun.nio.ch.Net",
            "com.sun.proxy.$Proxy1",
            "dev.chronotick.agent.AgentRuntime",
            "dev.chronotick.shaded.bytebuddy.ByteBuddy",
            "net.bytebuddy.ByteBuddy")) {
      assertFalse(all.accepts(name), name);
    }
    assertFalse(all.accepts(null));
    assertTrue(all.accepts("com.acme.Billing"));
    assertTrue(all.accepts("Main"), "default package");
    assertTrue(all.accepts("javaxyz.Foo"), "prefixes are matched with their dot");
  }

  @Test
  void includeRestrictsAndExcludeWins() {
    ClassFilter f = new ClassFilter(List.of("com.acme."), List.of("com.acme.legacy."));
    assertTrue(f.accepts("com.acme.Billing"));
    assertFalse(f.accepts("com.acmeother.Billing"));
    assertFalse(f.accepts("com.acme.legacy.Clock"));
    assertFalse(f.accepts("org.example.Main"));
    assertFalse(
        new ClassFilter(List.of("dev.chronotick."), List.of()).accepts("dev.chronotick.X"),
        "include cannot bring the agent's own classes back");
  }

  @Test
  void aPrefixCoversItsNameAndWhatIsNestedInItOnly() {
    for (String prefix : List.of("com.acme", "com.acme.", "com.acme.*")) {
      ClassFilter f = new ClassFilter(List.of(prefix), List.of());
      assertTrue(f.accepts("com.acme.Billing"), prefix);
      assertTrue(f.accepts("com.acme.web.Api"), prefix);
      assertFalse(f.accepts("com.acmeother.X"), prefix);
      assertFalse(f.accepts("com.acm.X"), prefix);
    }
    ClassFilter one = new ClassFilter(List.of("com.acme.App"), List.of());
    assertTrue(one.accepts("com.acme.App"));
    assertTrue(one.accepts("com.acme.App$1"));
    assertFalse(one.accepts("com.acme.AppTest"));
  }
}
