package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.agent.programs.CompatibilityProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's contract on a broad set of sqlite-jdbc usage patterns ({@link CompatibilityProgram}): the
 * program prints byte for byte the same with the agent as without it, and its connections were pooled.
 * The children run on {@code child.java.home} (CI runs this on JDK 17 and on JDK 25).
 */
class CompatibilityIT {

  private static final String PROGRAM = CompatibilityProgram.class.getName();
  private static final Pattern POOL_LINE = Pattern.compile("POOL name=(\\S+) created=(\\d+) borrows=(\\d+)");

  @Test
  void sqliteJdbcUsagePatternsPrintTheSameWithTheAgentAndAreServedByThePool(@TempDir Path dir)
      throws Exception {
    Path plainDir = Files.createDirectory(dir.resolve("plain"));
    Path agentDir = Files.createDirectory(dir.resolve("agent"));
    ChildJvm.Result plain = ChildJvm.run(plainDir, "plain",
        List.of("-cp", ChildJvm.programClassPath(), PROGRAM), plainDir.toString());
    ChildJvm.Result pooled = ChildJvm.run(agentDir, "agent",
        List.of("-javaagent:" + ChildJvm.agentJar(), "-cp", ChildJvm.programClassPath(), PROGRAM),
        agentDir.toString());

    assertEquals(0, plain.exitCode, plain::toString);
    assertTrue(plain.stderr.contains("POOLS 0"), plain::toString);
    assertTrue(plain.stdout.contains("busy handler calls: 3"), plain::toString);
    assertEquals(0, pooled.exitCode, pooled::toString);
    assertEquals(plain.stdout, pooled.stdout);

    Matcher pool = POOL_LINE.matcher(pooled.stderr);
    long borrows = 0;
    long created = 0;
    while (pool.find()) {
      created += Long.parseLong(pool.group(2));
      borrows += Long.parseLong(pool.group(3));
    }
    assertTrue(borrows > created, () -> "connections were not recycled\n" + pooled);
  }
}
