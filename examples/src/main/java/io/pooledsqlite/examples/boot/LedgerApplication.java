package io.pooledsqlite.examples.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application whose database is configured by one property, a {@code jdbc:pooledsqlite:}
 * URL ({@code ledger.properties}); Flyway migrates it at start. {@code main} runs 8 threads of
 * {@code @Transactional} read-modify-write transactions and prints what came out.
 */
@SpringBootApplication
public class LedgerApplication {
    /** The name of this application's properties file, in place of {@code application.properties}. */
    public static final String CONFIG_NAME = "ledger";

    /** Starts the application; {@code args} are Boot's ({@code --ledger.db=/tmp/ledger.db}). */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(LedgerApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app.run(args);
    }

    /**
     * Runs {@code threads} threads, each doing {@code perThread} increments and as many transfers, and
     * returns how many of those transactions failed.
     */
    public static int runWorkload(LedgerService ledger, int threads, int perThread) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < perThread; i++) {
                        int from = 1 + random.nextInt(4);
                        attempt(failures, ledger::increment);
                        attempt(failures, () -> ledger.transfer(from, 1 + from % 4, 1 + random.nextInt(10)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return failures.get();
        } finally {
            pool.shutdown();
        }
    }

    private static void attempt(AtomicInteger failures, Runnable transaction) {
        try {
            transaction.run();
        } catch (RuntimeException e) {
            if (failures.incrementAndGet() == 1) {
                System.err.println("first failed transaction: " + e);
            }
        }
    }

    /** {@code java … LedgerApplication [--ledger.db=path]}. */
    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = start(args)) {
            LedgerService ledger = context.getBean(LedgerService.class);
            int before = ledger.counter();
            int failures = runWorkload(ledger, 8, 250);
            System.out.println("DataSource: " + context.getBean(DataSource.class).getClass().getName());
            System.out.println("failed transactions: " + failures);
            System.out.println("counter: " + before + " -> " + ledger.counter() + " (expected +" + 8 * 250 + ")");
            System.out.println("total balance: " + ledger.totalBalance() + " (expected 4000)");
        }
    }
}
