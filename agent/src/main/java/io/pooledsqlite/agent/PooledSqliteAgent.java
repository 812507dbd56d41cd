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
      AgentLog.log(Level.WARNING, e.getMessage() + "; the program runs unpooled");
      return;
    } catch (LinkageError e) {
      AgentLog.log(Level.WARNING, "sqlite-jdbc is not on the application class path (" + e
          + "); the program runs unpooled");
      return;
    }
    if (!ConnectionRouter.enable(options)) {
      AgentLog.log(Level.INFO, "already active in this JVM; options " + options + " ignored");
      return;
    }
    try {
      // the driver closes its pools (checkpointing WAL files) in its own shutdown hook
      SqliteJdbcInstrumentation.install(instrumentation);
    } catch (RuntimeException | LinkageError e) {
      ConnectionRouter.disable();
      AgentLog.log(Level.WARNING, "could not instrument sqlite-jdbc (" + e + "); the program runs unpooled");
    }
  }
}
