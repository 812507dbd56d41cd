package io.pooledsqlite.examples.boot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-modify-write transactions, the kind plain SQLite answers with {@code SQLITE_BUSY} when several
 * threads run them: each reads a value and writes one computed from it.
 */
@Service
public class LedgerService {
    private final JdbcTemplate jdbc;

    /** A service over the application's {@code JdbcTemplate}. */
    public LedgerService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one to the counter, reading it first. */
    @Transactional
    public void increment() {
        int n = jdbc.queryForObject("select n from counter where id = 1", Integer.class);
        jdbc.update("update counter set n = ? where id = 1", n + 1);
    }

    /** Moves {@code amount} between two accounts, reading both balances first. */
    @Transactional
    public void transfer(int from, int to, int amount) {
        int fromBalance = jdbc.queryForObject("select balance from account where id = ?", Integer.class, from);
        int toBalance = jdbc.queryForObject("select balance from account where id = ?", Integer.class, to);
        jdbc.update("update account set balance = ? where id = ?", fromBalance - amount, from);
        jdbc.update("update account set balance = ? where id = ?", toBalance + amount, to);
    }

    /** The counter's value. */
    @Transactional(readOnly = true)
    public int counter() {
        return jdbc.queryForObject("select n from counter where id = 1", Integer.class);
    }

    /** The sum of all balances: transfers never change it. */
    @Transactional(readOnly = true)
    public int totalBalance() {
        return jdbc.queryForObject("select sum(balance) from account", Integer.class);
    }
}
