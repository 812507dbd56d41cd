package io.pooledsqlite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.config.PoolKey;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** IDEs complete {@code spring.datasource.pooledsqlite.*} from the metadata the build writes into the jar. */
class ConfigurationMetadataTest {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(spring\\.datasource\\.pooledsqlite\\.[^\"]+)\"");

    private static String metadata() throws Exception {
        try (InputStream in = PooledSqliteProperties.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "no configuration metadata in the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code maxPoolSize} as Boot writes it: {@code max-pool-size}. */
    private static String kebab(String key) {
        return key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @Test
    void everyPoolKeyIsAPropertyWithADescription() throws Exception {
        String json = metadata();
        json = json.substring(0, json.indexOf("\"hints\"")); // the properties alone
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        for (PoolKey key : PoolKey.values()) {
            if (key == PoolKey.METRICS || key == PoolKey.SQLITE_JDBC_SEMANTICS) {
                // Boot hands its own registry to the pool; sqlite-jdbc's semantics are the agent's alone
                continue;
            }
            String property = PooledSqliteProperties.PREFIX + "." + kebab(key.key());
            assertTrue(names.contains(property), property + " missing from " + names);
        }
        assertTrue(names.contains(PooledSqliteProperties.PREFIX + ".sqlite"), names.toString());
        assertEquals(names.size(), countOf(json, "\"description\""), "every property is described");
    }

    @Test
    void choicesAreHinted() throws Exception {
        String json = metadata();
        for (String value : List.of("\"auto\"", "\"native\"", "\"wasm\"", "\"quick\"", "\"full\"")) {
            assertTrue(json.contains("\"value\": " + value), value + " is not offered");
        }
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
