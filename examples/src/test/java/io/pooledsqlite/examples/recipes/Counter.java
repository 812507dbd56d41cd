package io.pooledsqlite.examples.recipes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The Hibernate recipe's entity: the counter row. */
@Entity
@Table(name = "counter")
public class Counter {
    @Id
    private Integer id;
    private int n;

    /** For Hibernate. */
    protected Counter() {
    }

    /** Adds one. */
    public void increment() {
        n++;
    }

    /** The value. */
    public int value() {
        return n;
    }
}
