package io.pooledsqlite.agent;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's few log lines. The logger is looked up only when there is something to say, so an agent
 * that starts cleanly does not initialise the application's logging before its {@code main} runs.
 */
final class AgentLog {

  private static final String NAME = "io.pooledsqlite.agent";
  private static final Set<String> ALREADY_SAID = ConcurrentHashMap.newKeySet();

  private AgentLog() {}

  static void log(Level level, String message) {
    Logger logger = System.getLogger(NAME);
    logger.log(level, "pooledsqlite agent: " + message);
  }

  /** Logs {@code message} the first time {@code topic} comes up; a repeated cause stays one line. */
  static void logOnce(Level level, String topic, String message) {
    if (ALREADY_SAID.add(topic)) {
      log(level, message);
    }
  }
}
