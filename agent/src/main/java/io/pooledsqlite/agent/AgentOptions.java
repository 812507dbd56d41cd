package io.pooledsqlite.agent;

import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's argument string, {@code key=value[,key=value...]}, with the same keys and checks as a
 * {@code jdbc:pooledsqlite:} URL. Pool keys configure every pool the agent makes; SQLite keys are
 * defaults that the program's own settings override.
 *
 * <p>Four defaults differ from the driver's. No SQLite settings are forced ({@code pragmaDefaults=false}):
 * journal mode, synchronous, cache and memory map stay what the program or the file says, and a file is
 * never switched to WAL behind the program's back. No statement cache ({@code statementCacheSize=0}): a
 * cached statement that already ran reports no result-set metadata before it runs again, where a freshly
 * prepared sqlite-jdbc statement does. Errors stay sqlite-jdbc's own ({@code translateErrors=false}), as
 * the program was written against them. {@code connectionTimeout} is {@value #CONNECTION_TIMEOUT_MS}
 * ms. A legacy program never waited for a connection; when its pool stays exhausted that long (more
 * connections held at once than {@code maxPoolSize}, or connections never closed) the router gives it an
 * ordinary sqlite-jdbc connection instead of making it wait the driver's 30 seconds.
 */
final class AgentOptions {

  static final String CONNECTION_TIMEOUT_MS = "1000";

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
   * The properties for one pooled connect: these options over the agent's defaults, then the program's
   * own settings, which win for any key both set. Keys are matched ignoring case, as the driver does.
   *
   * @param address what follows {@code jdbc:sqlite:}; settings in its query string are the program's
   * @param programProperties the connect properties the program gave sqlite-jdbc (may be {@code null})
   */
  Properties forConnect(String address, Properties programProperties) {
    Map<String, String> merged = new LinkedHashMap<>();
    put(merged, PoolKey.CONNECTION_TIMEOUT.key(), CONNECTION_TIMEOUT_MS);
    // legacy code catches org.sqlite.SQLiteException and reads its result code: keep errors as sqlite-jdbc's
    put(merged, PoolKey.TRANSLATE_ERRORS.key(), "false");
    put(merged, PoolKey.PRAGMA_DEFAULTS.key(), "false");
    // a cached statement that ran before reports no result-set metadata until it runs again, which a
    // freshly prepared sqlite-jdbc statement does: no cache unless an option asks for one
    put(merged, PoolKey.STATEMENT_CACHE_SIZE.key(), "0");
    settings.forEach((key, value) -> put(merged, key, value));
    // the driver lets Properties override the URL, so an option the URL also sets must not be passed
    for (String key : queryKeys(address)) {
      merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
    }
    if (programProperties != null) {
      for (String name : programProperties.stringPropertyNames()) {
        put(merged, name, programProperties.getProperty(name));
      }
    }
    put(merged, PoolKey.ENGINE.key(), "native");
    // not an option: the program was written against sqlite-jdbc's behaviour, not the JDBC specification's
    put(merged, PoolKey.SQLITE_JDBC_SEMANTICS.key(), "true");
    Properties properties = new Properties();
    properties.putAll(merged);
    return properties;
  }

  private static List<String> queryKeys(String address) {
    List<String> keys = new ArrayList<>();
    int query = address.indexOf('?');
    if (query >= 0) {
      for (String pair : address.substring(query + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          keys.add(pair.substring(0, eq).trim());
        }
      }
    }
    return keys;
  }

  private static void put(Map<String, String> settings, String key, String value) {
    settings.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
    settings.put(key, value);
  }

  @Override
  public String toString() {
    return settings.isEmpty() ? "(defaults)" : settings.toString();
  }
}
