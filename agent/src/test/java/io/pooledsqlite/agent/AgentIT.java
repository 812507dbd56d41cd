package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.agent.programs.LegacySqliteProgram;
import io.pooledsqlite.agent.programs.UnpoolableProgram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as users meet it: a legacy sqlite-jdbc program in a real child JVM, run with the built
 * agent jar at startup, attached later, given a bad option, and launched with {@code -jar}. The child's
 * JDK is {@code -Dchild.java.home} (JDK 17 by default; CI runs the same tests on JDK 25).
 */
class AgentIT {

  private static final int OPENS = 2000;
  private static final int MAX_POOL_SIZE = 4;
  private static final String PROGRAM = LegacySqliteProgram.class.getName();
  private static final Pattern POOL_LINE = Pattern.compile("POOL name=(\\S+) created=(\\d+)");

  /** What the program prints without any agent: the behaviour every agent run must reproduce. */
  private static String unpooledOutput;

  @BeforeAll
  static void runWithoutAgent(@TempDir Path dir) throws Exception {
    ChildJvm.Result plain = ChildJvm.run(dir, "plain",
        List.of("-cp", ChildJvm.programClassPath(), PROGRAM), dir.toString(), Integer.toString(OPENS));
    assertEquals(0, plain.exitCode, plain::toString);
    assertTrue(plain.stderr.contains("POOLS 0"), plain::toString);
    assertTrue(plain.stdout.contains("twice(21)=42"), plain::toString);
    assertTrue(plain.stdout.contains("second writer on the same thread: refused"), plain::toString);
    unpooledOutput = plain.stdout;
  }

  @Test
  void withJavaagentTheProgramsConnectionsAreRecycledAndItsOutputIsUnchanged(@TempDir Path dir)
      throws Exception {
    ChildJvm.Result pooled = ChildJvm.run(dir, "pooled",
        List.of(javaagent("maxPoolSize=" + MAX_POOL_SIZE + ",statementCacheSize=64"),
            "-cp", ChildJvm.programClassPath(), PROGRAM),
        dir.toString(), Integer.toString(OPENS));

    assertEquals(0, pooled.exitCode, pooled::toString);
    assertEquals(unpooledOutput, pooled.stdout);
    assertPoolsRecycled(pooled);
    assertFalse(pooled.stderr.contains("pooledsqlite agent:"), pooled::toString);
    assertFalse(pooled.stderr.contains("sun.misc.Unsafe"), pooled::toString);
  }

  @Test
  void startupAgentWorksForAJarLaunchWithDynamicAgentLoadingDisabled(@TempDir Path dir) throws Exception {
    Path appJar = applicationJar(dir);
    ChildJvm.Result pooled = ChildJvm.run(dir, "jar",
        List.of("-XX:-EnableDynamicAgentLoading", javaagent("maxPoolSize=" + MAX_POOL_SIZE),
            "-jar", appJar.toString()),
        dir.toString(), Integer.toString(OPENS));

    assertEquals(0, pooled.exitCode, pooled::toString);
    assertEquals(unpooledOutput, pooled.stdout);
    assertPoolsRecycled(pooled);
    assertFalse(pooled.stderr.contains("loaded dynamically"), pooled::toString);
  }

  @Test
  void attachingToARunningProgramPoolsTheConnectionsItOpensAfterwardsAndReportsABadOption(@TempDir Path dir) throws Exception {
    Process program = new ProcessBuilder(ChildJvm.java().toString(),
        "-cp", ChildJvm.programClassPath(), PROGRAM, dir.toString(), Integer.toString(OPENS), "--wait")
        .directory(dir.toFile())
        .redirectError(dir.resolve("attached.err").toFile())
        .start();
    try {
      BufferedReader stdout = new BufferedReader(
          new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS));
      String pid = Long.toString(program.pid());

      ChildJvm.Result list = ChildJvm.run(dir, "list",
          List.of("-jar", ChildJvm.agentJar().toString()), "list");
      assertEquals(0, list.exitCode, list::toString);
      assertTrue(list.stdout.lines().anyMatch(line -> line.startsWith(pid + " ")), list::toString);

      ChildJvm.Result refused = ChildJvm.run(dir, "attach-bad",
          List.of("-jar", ChildJvm.agentJar().toString()), "attach", pid, "maxPoolSize=lots");
      assertEquals(1, refused.exitCode, refused::toString);
      assertTrue(refused.stderr.contains("maxPoolSize") && refused.stderr.contains("unpooled"), refused::toString);

      ChildJvm.Result attach = ChildJvm.run(dir, "attach",
          List.of("-jar", ChildJvm.agentJar().toString()), "attach", pid, "maxPoolSize=" + MAX_POOL_SIZE);
      assertEquals(0, attach.exitCode, attach::toString);
      assertTrue(attach.stdout.contains("pooling"), attach::toString);

      try (OutputStream stdin = program.getOutputStream()) {
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
      String rest = CompletableFuture.supplyAsync(() -> readRest(stdout)).get(120, TimeUnit.SECONDS);
      assertTrue(program.waitFor(60, TimeUnit.SECONDS));
      ChildJvm.Result attached = new ChildJvm.Result(program.exitValue(), rest,
          Files.readString(dir.resolve("attached.err")));

      assertEquals(0, attached.exitCode, attached::toString);
      assertEquals(unpooledOutput, attached.stdout);
      assertPoolsRecycled(attached);
      if (ChildJvm.featureVersion() >= 21) {
        // JEP 451: the JVM itself says so; a -javaagent at startup never triggers this
        assertTrue(attached.stderr.contains("loaded dynamically"), attached::toString);
      }
    } finally {
      program.destroyForcibly();
    }
  }

  @Test
  void aBadOptionIsReportedInOneLineAndTheProgramRunsUnpooled(@TempDir Path dir) throws Exception {
    ChildJvm.Result result = ChildJvm.run(dir, "bad",
        List.of(javaagent("maxPoolSize=lots"), "-cp", ChildJvm.programClassPath(), PROGRAM),
        dir.toString(), Integer.toString(OPENS));

    assertEquals(0, result.exitCode, result::toString);
    assertEquals(unpooledOutput, result.stdout);
    List<String> agentLines = result.stderr.lines()
        .filter(line -> line.contains("pooledsqlite agent:"))
        .collect(Collectors.toList());
    assertEquals(1, agentLines.size(), result::toString);
    assertTrue(agentLines.get(0).contains("maxPoolSize") && agentLines.get(0).contains("lots")
        && agentLines.get(0).contains("unpooled"), agentLines::toString);
    assertTrue(result.stderr.contains("POOLS 0"), result::toString);
  }

  @Test
  void connectionsThePoolCannotTakeFallBackToSqliteJdbcWithOneLineEach(@TempDir Path dir) throws Exception {
    Path plainDir = Files.createDirectory(dir.resolve("plain"));
    Path agentDir = Files.createDirectory(dir.resolve("agent"));
    String program = UnpoolableProgram.class.getName();
    String sqliteJdbc = ChildJvm.sqliteJdbcJar().toString();
    ChildJvm.Result plain = ChildJvm.run(plainDir, "plain",
        List.of("-cp", ChildJvm.programClassPath(), program), plainDir.toString(), sqliteJdbc);
    ChildJvm.Result withAgent = ChildJvm.run(agentDir, "agent",
        List.of(javaagent("maxPoolSize=" + (UnpoolableProgram.HELD_AT_ONCE - 1)),
            "-cp", ChildJvm.programClassPath(), program),
        agentDir.toString(), sqliteJdbc);

    assertEquals(0, plain.exitCode, plain::toString);
    assertEquals(0, withAgent.exitCode, withAgent::toString);
    assertEquals(plain.stdout, withAgent.stdout);
    List<String> agentLines = withAgent.stderr.lines()
        .filter(line -> line.contains("pooledsqlite agent:"))
        .collect(Collectors.toList());
    assertEquals(3, agentLines.size(), withAgent::toString);
    assertTrue(agentLines.get(0).contains("no_such_setting"), agentLines::toString);
    assertTrue(agentLines.get(1).contains("many.db"), agentLines::toString);
    assertTrue(agentLines.get(2).contains("not on the application class path"), agentLines::toString);
  }

  private static String javaagent(String options) {
    return "-javaagent:" + ChildJvm.agentJar() + "=" + options;
  }

  /** Every pool made fewer physical connections than its size, while the program opened thousands. */
  private static void assertPoolsRecycled(ChildJvm.Result result) {
    Matcher pool = POOL_LINE.matcher(result.stderr);
    int pools = 0;
    while (pool.find()) {
      pools++;
      int created = Integer.parseInt(pool.group(2));
      assertTrue(created >= 1 && created <= MAX_POOL_SIZE,
          "pool " + pool.group(1) + " created " + created + " connections\n" + result);
    }
    assertTrue(pools >= 1, () -> "no pool was made\n" + result);
  }

  /** A runnable jar of the test programs whose manifest Class-Path names sqlite-jdbc, beside it. */
  private static Path applicationJar(Path dir) throws IOException {
    Files.copy(ChildJvm.sqliteJdbcJar(), dir.resolve("sqlite-jdbc.jar"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PROGRAM);
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "sqlite-jdbc.jar");
    Path jar = dir.resolve("legacy-app.jar");
    Path classes = ChildJvm.testPrograms();
    Path programs = classes.resolve("io/pooledsqlite/agent/programs");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(programs)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readRest(BufferedReader reader) {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = readLine(reader)) != null) {
      lines.add(line);
    }
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
