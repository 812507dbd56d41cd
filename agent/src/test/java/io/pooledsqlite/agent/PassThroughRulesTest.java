package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which sqlite-jdbc addresses the agent pools and which it must leave private to one connection. */
class PassThroughRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "app.db", "/var/data/app.db", "app.db?journal_mode=WAL&foreign_keys=on",
      "file:app.db", "file:/var/data/app.db?mode=rw", "app.db?journal_mode=memory"})
  void fileDatabasesArePooled(String address) {
    assertNull(PassThroughRules.reasonToPassThrough(address, new Properties()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", ":memory:", "file::memory:", "file::memory:?cache=shared", "file:scratch?mode=memory&cache=shared",
      ":resource:db/app.db", "app.db?locking_mode=EXCLUSIVE", "file:app.db?cache=shared",
      "app.db?password=secret"})
  void privateOrExclusiveDatabasesStayUnpooled(String address) {
    assertNotNull(PassThroughRules.reasonToPassThrough(address, new Properties()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"shared_cache=true", "locking_mode=exclusive", "open_mode=198", "password=secret"})
  void connectPropertiesThatMakeAConnectionPrivateKeepItUnpooled(String setting) {
    Properties info = new Properties();
    String[] keyValue = setting.split("=", 2);
    info.setProperty(keyValue[0], keyValue[1]);
    assertNotNull(PassThroughRules.reasonToPassThrough("app.db", info));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "shared_cache=false", "locking_mode=NORMAL", "open_mode=70", "open_mode=65", "user=legacy", "password="})
  void ordinaryConnectPropertiesArePooled(String setting) {
    Properties info = new Properties();
    String[] keyValue = setting.split("=", 2);
    info.setProperty(keyValue[0], keyValue[1]);
    assertNull(PassThroughRules.reasonToPassThrough("app.db", info));
  }
}
