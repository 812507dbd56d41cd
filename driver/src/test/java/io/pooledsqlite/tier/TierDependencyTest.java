package io.pooledsqlite.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tier package is a decorator: it reaches the pool only through {@link PoolBorrow}, so its compiled
 * classes name no other class of the driver, and no package cycle can run through it.
 */
class TierDependencyTest {
    private static final Pattern DRIVER_CLASS = Pattern.compile("io/pooledsqlite/[A-Za-z0-9_/$]+");

    @Test
    void tierClassesReferToNoOtherPackageOfTheDriver() throws Exception {
        Path dir = Path.of(TieredPool.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/pooledsqlite/tier");
        List<Path> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(classes::add);
        }
        assertTrue(classes.contains(dir.resolve("TieredPool.class")), "no tier classes found in " + dir);
        Set<String> outside = new TreeSet<>();
        for (Path c : classes) {
            for (String text : constantPoolTexts(c)) {
                Matcher m = DRIVER_CLASS.matcher(text);
                while (m.find()) {
                    String name = m.group();
                    String pkg = name.substring(0, name.lastIndexOf('/'));
                    if (!pkg.equals("io/pooledsqlite/tier")) {
                        outside.add(c.getFileName() + " -> " + name);
                    }
                }
            }
        }
        assertEquals(Set.of(), outside);
    }

    /** The UTF-8 entries of a class file's constant pool: every class name and type descriptor it uses. */
    private static List<String> constantPoolTexts(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            assertEquals(0xCAFEBABE, in.readInt(), classFile + " is not a class file");
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1:
                        texts.add(in.readUTF());
                        break;
                    case 7: case 8: case 16: case 19: case 20:
                        in.readFully(new byte[2]);
                        break;
                    case 15:
                        in.readFully(new byte[3]);
                        break;
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                        in.readFully(new byte[4]);
                        break;
                    case 5: case 6:
                        in.readFully(new byte[8]);
                        i++;
                        break;
                    default:
                        throw new IOException(classFile + ": unknown constant pool tag " + tag + " at entry " + i);
                }
            }
        }
        return texts;
    }
}
