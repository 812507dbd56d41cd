package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.fail;

import io.pooledsqlite.agent.programs.LegacySqliteProgram;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts real JVMs for the agent tests: the JDK named by the {@code child.java.home} system property
 * (the test JVM's own by default), the shaded agent jar named by {@code agent.jar}, and a class path of
 * only the test programs and sqlite-jdbc, as a legacy application would have.
 */
final class ChildJvm {

  /** Generous: a child that takes longer than this is hung, not slow. */
  private static final long TIMEOUT_SECONDS = 120;

  private ChildJvm() {}

  static Path java() {
    String home = System.getProperty("child.java.home", System.getProperty("java.home"));
    return Paths.get(home, "bin", "java");
  }

  /** The child JDK's feature release (17, 25, ...), read from its {@code release} file. */
  static int featureVersion() throws IOException {
    Path release = java().getParent().getParent().resolve("release");
    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
      if (line.startsWith("JAVA_VERSION=")) {
        String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        return Runtime.Version.parse(version).feature();
      }
    }
    throw new IllegalStateException("no JAVA_VERSION in " + release);
  }

  static Path agentJar() {
    String jar = System.getProperty("agent.jar");
    if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
      fail("system property agent.jar must name the built agent jar (run through `mvn verify`), got " + jar);
    }
    return Paths.get(jar);
  }

  static Path sqliteJdbcJar() {
    return locationOf(org.sqlite.JDBC.class);
  }

  static Path testPrograms() {
    return locationOf(LegacySqliteProgram.class);
  }

  /** The application class path of the test programs: their classes plus sqlite-jdbc, nothing else. */
  static String programClassPath() {
    return testPrograms() + File.pathSeparator + sqliteJdbcJar();
  }

  private static Path locationOf(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code java <jvmOptions> <arguments>}, started with its output going to files in {@code workDir}. */
  static Process start(Path workDir, String name, List<String> jvmOptions, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java().toString());
    command.addAll(jvmOptions);
    command.addAll(Arrays.asList(arguments));
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(workDir.resolve(name + ".out").toFile())
        .redirectError(workDir.resolve(name + ".err").toFile())
        .start();
  }

  /** Runs a JVM to its end and returns what it printed; fails the test if it hangs. */
  static Result run(Path workDir, String name, List<String> jvmOptions, String... arguments)
      throws IOException, InterruptedException {
    Process process = start(workDir, name, jvmOptions, arguments);
    process.getOutputStream().close();
    return finish(process, workDir, name);
  }

  static Result finish(Process process, Path workDir, String name) throws IOException, InterruptedException {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      fail(name + " did not finish within " + TIMEOUT_SECONDS + " s; stderr:\n" + read(workDir, name + ".err"));
    }
    return new Result(process.exitValue(), read(workDir, name + ".out"), read(workDir, name + ".err"));
  }

  private static String read(Path workDir, String file) throws IOException {
    return new String(Files.readAllBytes(workDir.resolve(file)), StandardCharsets.UTF_8);
  }

  /** Exit code and output of a finished child JVM. */
  static final class Result {
    final int exitCode;
    final String stdout;
    final String stderr;

    Result(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
