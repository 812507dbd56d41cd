/**
 * Spring Boot auto-configuration (Boot 3 and Boot 4): {@code spring.datasource.url=jdbc:pooledsqlite:…} gives the
 * application a {@link io.pooledsqlite.PooledSqliteDataSource}, configured by {@code spring.datasource.pooledsqlite.*}
 * ({@link io.pooledsqlite.spring.PooledSqliteProperties}), with a health indicator and meters on Boot's
 * registry when Actuator is present. Registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 */
package io.pooledsqlite.spring;
