package io.pooledsqlite.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDriver;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the driver's main code depend on each other, directly or around a loop. Read from
 * the compiled classes: every class, field and method type a class file names is in its constant pool,
 * so this sees what imports, fully qualified names and same-package shortcuts alike compile to.
 */
class PackageCycleTest {
    private static final Pattern TYPE_NAME = Pattern.compile("io/pooledsqlite((?:/[a-z][a-z0-9_]*)*)/[A-Z][\\w$]*");

    @Test
    void packagesOfTheDriverFormNoLoops() throws Exception {
        Map<String, Set<String>> uses = packageDependencies(classesRoot());
        assertTrue(uses.containsKey("io.pooledsqlite.pool") && uses.containsKey("io.pooledsqlite.proxy"),
                "the compiled classes were found: " + uses.keySet());
        Set<Set<String>> loops = loops(uses);
        assertEquals(new TreeSet<String>(), new TreeSet<>(describe(loops)),
                "package loops (dependencies: " + new TreeMap<>(uses) + ")");
    }

    @Test
    void theConnectionWrappersDependOnTheirLeaseNotOnThePool() throws Exception {
        Map<String, Set<String>> uses = packageDependencies(classesRoot());
        assertTrue(uses.get("io.pooledsqlite.proxy").stream().noneMatch(p -> p.equals("io.pooledsqlite.pool")),
                "proxy uses " + uses.get("io.pooledsqlite.proxy"));
    }

    @Test
    void tiersAreADecoratorThatNamesNoOtherPackageOfTheDriver() throws Exception {
        // tier reaches the pool only through its own PoolBorrow, so no loop can ever run through it
        assertEquals(Set.of(), packageDependencies(classesRoot()).get("io.pooledsqlite.tier"));
    }

    private static Path classesRoot() throws URISyntaxException {
        return Paths.get(PooledSqliteDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** For each package, the other driver packages its classes name. */
    private static Map<String, Set<String>> packageDependencies(Path root) throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root.resolve("io/pooledsqlite"))) {
            classes = files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList());
        }
        for (Path c : classes) {
            String from = root.relativize(c.getParent()).toString().replace(c.getFileSystem().getSeparator(), ".");
            Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
            for (String text : utf8Constants(c)) {
                Matcher m = TYPE_NAME.matcher(text);
                while (m.find()) {
                    String to = "io.pooledsqlite" + m.group(1).replace('/', '.');
                    if (!to.equals(from)) {
                        targets.add(to);
                    }
                }
            }
        }
        return uses;
    }

    /** The text constants of a class file (JVMS 4.4), where every type it refers to is spelled. */
    private static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1:
                        texts.add(data.readUTF());
                        break;
                    case 7: case 8: case 16: case 19: case 20:
                        data.skipBytes(2);
                        break;
                    case 15:
                        data.skipBytes(3);
                        break;
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                        data.skipBytes(4);
                        break;
                    case 5: case 6:
                        data.skipBytes(8);
                        i++;
                        break;
                    default:
                        throw new IOException(classFile + ": unknown constant tag " + tag);
                }
            }
        }
        return texts;
    }

    /** The strongly connected groups of more than one package (Tarjan's algorithm). */
    private static Set<Set<String>> loops(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        Set<Set<String>> found = new HashSet<>();
        int[] next = {0};
        for (String p : new TreeSet<>(uses.keySet())) {
            if (!index.containsKey(p)) {
                connect(p, uses, index, low, stack, onStack, found, next);
            }
        }
        return found;
    }

    private static void connect(String p, Map<String, Set<String>> uses, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                Set<Set<String>> found, int[] next) {
        index.put(p, next[0]);
        low.put(p, next[0]);
        next[0]++;
        stack.push(p);
        onStack.add(p);
        for (String q : uses.getOrDefault(p, Set.of())) {
            if (!index.containsKey(q)) {
                connect(q, uses, index, low, stack, onStack, found, next);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            Set<String> group = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                group.add(q);
            } while (!q.equals(p));
            if (group.size() > 1) {
                found.add(group);
            }
        }
    }

    private static List<String> describe(Set<Set<String>> groups) {
        return groups.stream().map(g -> String.join(" <-> ", new TreeSet<>(g))).collect(Collectors.toList());
    }
}
