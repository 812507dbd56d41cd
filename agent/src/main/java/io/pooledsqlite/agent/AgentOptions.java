package io.pooledsqlite.agent;

import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolKey;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's argument string, {@code key=value[,key=value...]}, with the same keys and checks as a
 * {@code jdbc:pooledsqlite:} URL. Pool keys configure every pool the agent makes; SQLite keys are
 * defaults that the program's own settings override.
 */
final class AgentOptions {

  private final Map<String, String> settings;

  private AgentOptions(Map<String, String> settings) {
    this.settings = Collections.unmodifiableMap(settings);
  }

  /**
   * Parses and validates agent arguments; {@code null} or blank means no options.
   *
   * @throws IllegalArgumentException with a one-line message naming the bad option
   */
  static AgentOptions parse(String arguments) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (arguments != null && !arguments.isBlank()) {
      for (String option : arguments.split(",")) {
        String trimmed = option.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "bad option '" + trimmed + "': options are key=value pairs separated by commas");
        }
        settings.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
      }
    }
    validate(settings);
    return new AgentOptions(settings);
  }

  private static void validate(Map<String, String> settings) {
    try {
      // the driver's own parser: the same keys and messages as URL keys, and it opens nothing
      ConfigParser.build("agent-options", settings);
    } catch (SQLException e) {
      throw new IllegalArgumentException("bad option: " + e.getMessage(), e);
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (PoolKey.find(e.getKey()) == PoolKey.ENGINE && "wasm".equalsIgnoreCase(e.getValue())) {
        throw new IllegalArgumentException(
            "bad option 'engine=wasm': the agent pools the application's own sqlite-jdbc, so the engine"
                + " must be native or auto");
      }
    }
  }

  /**
   * The properties for one pooled connect: these options, then the program's own connect properties,
   * which win for any key both set.
   */
  Properties mergedWith(Properties programProperties) {
    Properties merged = new Properties();
    merged.putAll(settings);
    merged.put(PoolKey.ENGINE.key(), "native");
    if (programProperties != null) {
      for (String name : programProperties.stringPropertyNames()) {
        merged.setProperty(name, programProperties.getProperty(name));
      }
    }
    return merged;
  }

  @Override
  public String toString() {
    return settings.isEmpty() ? "(defaults)" : settings.toString();
  }
}
