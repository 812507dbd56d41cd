package io.pooledsqlite.agent;

import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;

/**
 * Entry point of {@code -javaagent:pooledsqlite-agent.jar[=key=value,...]} and of a dynamic attach.
 * Both do the same: validate the options, then route sqlite-jdbc's connects through the pool. Nothing
 * here ever throws into the JVM: on any problem the program runs exactly as without the agent, and one
 * log line says why.
 */
public final class PooledSqliteAgent {

  /**
   * System property where the agent leaves its state in the JVM it runs in, starting with
   * {@value #POOLING} or {@value #UNPOOLED}; {@code attach} reads it back to report the outcome.
   */
  public static final String STATUS_PROPERTY = "io.pooledsqlite.agent.status";

  static final String POOLING = "pooling";
  static final String UNPOOLED = "unpooled";

  private PooledSqliteAgent() {}

  /** Called before {@code main} for {@code -javaagent}. */
  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation);
  }

  /** Called in a running JVM after {@code java -jar pooledsqlite-agent.jar attach <pid>}. */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation);
  }

  private static void start(String arguments, Instrumentation instrumentation) {
    AgentOptions options;
    try {
      options = AgentOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      runUnpooled(e.getMessage());
      return;
    } catch (LinkageError e) {
      runUnpooled("sqlite-jdbc is not on the application class path (" + e + ")");
      return;
    }
    if (!ConnectionRouter.enable(options)) {
      AgentLog.log(Level.INFO, "already active in this JVM; options " + options + " ignored");
      return;
    }
    try {
      // the driver closes its pools (checkpointing WAL files) in its own shutdown hook
      SqliteJdbcInstrumentation.install(instrumentation);
      System.setProperty(STATUS_PROPERTY, POOLING + " sqlite-jdbc connections with options " + options);
    } catch (RuntimeException | LinkageError e) {
      ConnectionRouter.disable();
      runUnpooled("could not instrument sqlite-jdbc (" + e + ")");
    }
  }

  private static void runUnpooled(String why) {
    System.setProperty(STATUS_PROPERTY, UNPOOLED + ": " + why);
    AgentLog.log(Level.WARNING, why + "; the program runs unpooled");
  }
}
