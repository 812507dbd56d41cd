package io.pooledsqlite.agent;

import java.util.Locale;
import java.util.Properties;

/**
 * Decides which sqlite-jdbc connections the agent must leave alone: those whose meaning depends on
 * being a fresh, private connection. Pooling them would change what the program sees (an in-memory or
 * temporary database that should start empty, exclusive locking, shared-cache table locks, a key for
 * an encrypting sqlite-jdbc build).
 */
final class PassThroughRules {

  /** {@code SQLITE_OPEN_MEMORY}, as carried in sqlite-jdbc's {@code open_mode} property. */
  private static final int OPEN_MEMORY = 0x80;

  private PassThroughRules() {}

  /**
   * Why a connection to {@code address} must stay unpooled, or {@code null} when it can be pooled.
   *
   * @param address what follows {@code jdbc:sqlite:} in the program's URL
   * @param info the properties sqlite-jdbc was given (may be {@code null})
   */
  static String reasonToPassThrough(String address, Properties info) {
    String name = address.trim();
    int query = name.indexOf('?');
    String file = query < 0 ? name : name.substring(0, query);
    String parameters = query < 0 ? "" : name.substring(query + 1);
    if (file.isEmpty()) {
      return "a temporary database is private to its connection";
    }
    if (file.equals(":memory:") || file.startsWith("file::memory:")) {
      return "an in-memory database is private to its connection";
    }
    if (file.startsWith(":resource:")) {
      return "a class-path resource database is a private copy";
    }
    if ("memory".equals(parameter(parameters, "mode"))) {
      return "an in-memory database lives only as long as its connections";
    }
    if ("shared".equals(parameter(parameters, "cache")) || "true".equals(property(info, "shared_cache"))) {
      return "shared-cache mode has its own locking the program relies on";
    }
    if ("exclusive".equals(parameter(parameters, "locking_mode"))
        || "exclusive".equals(property(info, "locking_mode"))) {
      return "exclusive locking mode means the program wants the file to itself";
    }
    if (!isEmpty(parameter(parameters, "password")) || !isEmpty(property(info, "password"))) {
      return "a database key (password) is applied by sqlite-jdbc itself, and the pool does not carry it";
    }
    String openMode = property(info, "open_mode");
    if (openMode != null && isMemoryOpenMode(openMode)) {
      return "an in-memory database is private to its connection";
    }
    return null;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static boolean isMemoryOpenMode(String openMode) {
    try {
      return (Integer.parseInt(openMode) & OPEN_MEMORY) != 0;
    } catch (NumberFormatException e) {
      return false; // sqlite-jdbc rejects it itself when the connection opens
    }
  }

  private static String parameter(String parameters, String key) {
    for (String pair : parameters.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(key)) {
        return pair.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static String property(Properties info, String key) {
    if (info == null) {
      return null;
    }
    String value = info.getProperty(key);
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
  }
}
