package io.pooledsqlite.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers {@link DriverClassDefaults}, whatever {@code spring.datasource.url} is. */
@AutoConfiguration
public class DriverClassAutoConfiguration {
    /** Static, as bean factory post-processors must be, so that it runs before other beans exist. */
    @Bean
    public static DriverClassDefaults pooledsqliteDriverClassDefaults() {
        return new DriverClassDefaults();
    }
}
