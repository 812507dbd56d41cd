package io.pooledsqlite.spring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An empty Spring Boot application with auto-configuration, started with properties only, as a user's
 * would be. Uses only API both Boot lines share, so the same tests run on Boot 3 and Boot 4.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BootApp {
    /** Starts the application on a database file in {@code dir} with extra {@code key=value} properties. */
    public static ConfigurableApplicationContext start(Path dir, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=jdbc:pooledsqlite:" + dir.resolve("app.db"),
                "spring.main.banner-mode=off",
                "spring.flyway.enabled=false",
                "spring.liquibase.enabled=false"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(BootApp.class)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(new String[0]))
                .run();
    }
}
