package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built agent jar is one self-contained file that does not clash with what the program brings. */
class AgentJarIT {

  @Test
  void manifestDeclaresTheAgentEntryPointsAndTheCommandLine() throws IOException {
    try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals(PooledSqliteAgent.class.getName(), main.getValue("Premain-Class"));
      assertEquals(PooledSqliteAgent.class.getName(), main.getValue("Agent-Class"));
      assertEquals("true", main.getValue("Can-Retransform-Classes"));
      assertEquals(AgentCli.class.getName(), main.getValue("Main-Class"));
      assertNull(main.getValue("Multi-Release"));
    }
  }

  @Test
  void containsTheDriverAndARelocatedByteBuddyButNoSqliteJdbc() throws IOException {
    try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
      List<String> names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
      assertTrue(names.contains("io/pooledsqlite/PooledSqliteDriver.class"));
      assertTrue(names.contains("io/pooledsqlite/agentsupport/PooledSQLiteConnection.class"));
      assertTrue(names.contains("io/pooledsqlite/agent/shaded/net/bytebuddy/agent/builder/AgentBuilder.class"));
      List<String> foreign = names.stream()
          .filter(name -> name.startsWith("net/") || name.startsWith("org/sqlite/")
              || name.startsWith("META-INF/versions/") || name.endsWith("module-info.class"))
          .collect(Collectors.toList());
      assertEquals(List.of(), foreign);
    }
  }
}
