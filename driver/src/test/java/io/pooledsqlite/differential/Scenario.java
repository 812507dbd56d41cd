package io.pooledsqlite.differential;

/**
 * Something a program does with JDBC, written once and run against both connection sources. It records
 * what it sees in the observation; anything it throws is recorded too.
 */
@FunctionalInterface
public interface Scenario {
    void run(Run run, Observation seen) throws Exception;
}
