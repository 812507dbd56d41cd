package io.pooledsqlite.codegen;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the abstract delegating bases of the driver's wrappers: for an interface {@code I}, a class
 * {@code DelegatingI} whose every method calls the same method on {@code delegate()} and passes an
 * {@link SQLException} through {@code translate}, so the wrappers are written as the methods that decide
 * something. The interfaces are read by reflection and the methods sorted, so the output depends only on
 * the interfaces: byte-identical from run to run.
 *
 * <p>Arguments: the output source root, the package, then one specification per base, either an
 * interface name ({@code java.sql.Connection}: a public root base with its own {@code translate}), or
 * {@code java.sql.PreparedStatement extends StatementProxy(ConnectionProxy,java.sql.Statement)}: a base
 * over a hand-written wrapper of the parent interface, holding only the methods the parent interface does
 * not have, with the wrapper's constructor passed on; or
 * {@code java.sql.Connection overriding org.sqlite.SQLiteConnection(org.sqlite.core.DB)}: a base over a
 * library class that implements the interface, overriding every method of the interface the class lets
 * a subclass override (not final, no narrower {@code throws}). A root specification may end in
 * {@code wrapping java.sql.ResultSet}: every method answering that type passes its answer through an
 * abstract {@code wrap}, so a wrapper cannot forget to wrap one. Or it may end in {@code hooking set}: every
 * method whose name starts with {@code set} first calls {@code beforeSet()}, empty in the base, so a wrapper
 * that must note every change of a setting does it in one place.
 *
 * <p>For an implementation rather than a wrapper, {@code java.sql.ResultSet refusing} writes
 * {@code RefusingResultSet}: every method that may throw an {@link SQLException} throws what the abstract
 * {@code unsupported(name)} answers (the others stay abstract), except that where the interface has
 * {@code findColumn(String)}, a method taking a column label calls its sibling taking the column index;
 * and {@code isWrapperFor} and {@code unwrap} answer for the implementation itself, as it wraps nothing.
 * The implementation overrides what it supports. {@code java.sql.PreparedStatement refusing extends
 * DqliteStatement(DqliteConnection)} refuses only the methods the parent interface does not have, with the
 * hand-written superclass's own {@code unsupported(name)}.
 */
public final class DelegatingBaseGenerator {
    private static final String INDENT = "    ";

    private DelegatingBaseGenerator() {
    }

    /** Entry point for the build. */
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: <source root> <package> <specification>...");
        }
        Path root = Paths.get(args[0]);
        String pkg = args[1];
        Path dir = root.resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        for (int i = 2; i < args.length; i++) {
            Spec spec = Spec.parse(args[i].trim());
            String source = generate(pkg, spec);
            Path file = dir.resolve(spec.className() + ".java");
            byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
            // an unchanged file keeps its timestamp, so an incremental build does not recompile it
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
                Files.write(file, bytes);
            }
        }
    }

    /** One base to write: the interface, and the class it extends if any. */
    private static final class Spec {
        final Class<?> iface;
        /** The class the base extends, or null for a root base. */
        final String superclass;
        final List<String> superParams;
        /** For a base over a library class: that class, loaded to see which of its methods may be overridden. */
        final Class<?> library;
        /** The type whose answers go through {@code wrap}, or null. */
        final Class<?> wrapped;
        /** A refusing base for an implementation, not a delegating one. */
        final boolean refusing;
        /** The name prefix of the methods that first call the hook {@code before<Prefix>()}, or null. */
        final String hooked;

        private Spec(Class<?> iface, String superclass, List<String> superParams, Class<?> library,
                     Class<?> wrapped) {
            this(iface, superclass, superParams, library, wrapped, false, null);
        }

        private Spec(Class<?> iface, String superclass, List<String> superParams, Class<?> library,
                     Class<?> wrapped, boolean refusing, String hooked) {
            this.iface = iface;
            this.superclass = superclass;
            this.superParams = superParams;
            this.library = library;
            this.wrapped = wrapped;
            this.refusing = refusing;
            this.hooked = hooked;
        }

        static Spec parse(String text) throws ClassNotFoundException {
            String[] words = text.split("\\s+", 3);
            Class<?> iface = load(words[0]);
            if (words.length == 1) {
                return new Spec(iface, null, List.of(), null, null);
            }
            if (words[1].equals("refusing")) {
                if (words.length == 2) {
                    return new Spec(iface, null, List.of(), null, null, true, null);
                }
                Spec over = parse(words[0] + " " + words[2]);
                if (over.library != null || over.superclass == null) {
                    throw new IllegalArgumentException("refusing takes only extends Class(Param,...): " + text);
                }
                return new Spec(iface, over.superclass, over.superParams, null, null, true, null);
            }
            if (words.length < 3) {
                throw new IllegalArgumentException("expected a word and a type after " + words[0] + ": " + text);
            }
            switch (words[1]) {
                case "wrapping":
                    return new Spec(iface, null, List.of(), null, load(words[2].trim()));
                case "hooking":
                    return new Spec(iface, null, List.of(), null, null, false, prefix(words[2].trim(), text));
                case "extends":
                case "overriding":
                    break;
                default:
                    throw new IllegalArgumentException("expected wrapping, hooking, extends or overriding: " + text);
            }
            String sup = words[2].replace(" ", "");
            int open = sup.indexOf('(');
            if (open < 0 || !sup.endsWith(")")) {
                throw new IllegalArgumentException("expected Class(Param,...) after " + words[1] + ": " + text);
            }
            String params = sup.substring(open + 1, sup.length() - 1);
            List<String> list = params.isEmpty() ? List.of() : Arrays.asList(params.split(","));
            String superclass = sup.substring(0, open);
            Class<?> library = words[1].equals("overriding") ? load(superclass) : null;
            return new Spec(iface, superclass, list, library, null);
        }

        private static String prefix(String word, String text) {
            if (!word.matches("[a-z]+")) {
                throw new IllegalArgumentException("expected a lower-case method name prefix after hooking: " + text);
            }
            return word;
        }

        /** The hook the methods named with the {@link #hooked} prefix call first. */
        String hook() {
            return "before" + Character.toUpperCase(hooked.charAt(0)) + hooked.substring(1);
        }

        boolean hooks(Method m) {
            return hooked != null && m.getName().startsWith(hooked);
        }

        private static Class<?> load(String name) throws ClassNotFoundException {
            // not initialised: only its methods are read
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        }

        String className() {
            if (refusing) {
                return "Refusing" + iface.getSimpleName();
            }
            return "Delegating" + (library != null ? library.getSimpleName() : iface.getSimpleName());
        }

        boolean isRoot() {
            return superclass == null;
        }
    }

    static String generate(String pkg, Spec spec) {
        if (spec.refusing) {
            return refusing(pkg, spec);
        }
        Class<?> iface = spec.iface;
        String ifaceName = iface.getName();
        StringBuilder out = new StringBuilder();
        out.append("// Generated by ").append(DelegatingBaseGenerator.class.getName())
                .append(" from ").append(ifaceName).append(" at build time; do not edit.\n");
        out.append("package ").append(pkg).append(";\n\n");
        out.append("/**\n");
        if (spec.isRoot()) {
            out.append(" * Every method of {@link ").append(ifaceName).append("} called on {@link #delegate()}, each\n")
                    .append(" * {@link java.sql.SQLException} passed through {@link #translate}. A wrapper extends this and\n")
                    .append(" * overrides only the methods that decide something.\n");
        } else if (spec.library != null) {
            out.append(" * Every method of {@link ").append(ifaceName).append("} that {@link ").append(spec.superclass)
                    .append("} lets a\n * subclass override, called on {@link #delegate()} instead, each {@link java.sql.SQLException}\n")
                    .append(" * passed through {@link #translate}.\n");
        } else {
            out.append(" * The methods {@link ").append(ifaceName).append("} adds to its parent interface, called on\n")
                    .append(" * {@link #delegate()}, each {@link java.sql.SQLException} passed through {@code translate}; the\n")
                    .append(" * parent's methods come from {@link ").append(spec.superclass).append("}.\n");
        }
        out.append(" */\n");
        if (spec.isRoot()) {
            out.append("public abstract class ").append(spec.className()).append(" implements ").append(ifaceName)
                    .append(" {\n");
        } else {
            out.append("abstract class ").append(spec.className()).append(" extends ").append(spec.superclass);
            if (spec.library == null) {
                out.append(" implements ").append(ifaceName);
            }
            out.append(" {\n");
            constructor(out, spec);
            out.append("\n");
        }
        out.append(INDENT).append("/** The object every call goes to; a closed wrapper may answer a sentinel that refuses them. */\n");
        out.append(INDENT).append("protected abstract ").append(ifaceName).append(" delegate();\n");
        if (spec.isRoot() || spec.library != null) {
            out.append("\n").append(INDENT)
                    .append("/** The one place an error from the delegate passes on its way out: unchanged here. */\n");
            out.append(INDENT).append("protected java.sql.SQLException translate(java.sql.SQLException e) {\n");
            out.append(INDENT).append(INDENT).append("return e;\n");
            out.append(INDENT).append("}\n");
        }
        if (spec.wrapped != null) {
            String w = spec.wrapped.getName();
            out.append("\n").append(INDENT).append("/** What the caller gets for a {@link ").append(w)
                    .append("} the delegate answered (null stays null). */\n");
            out.append(INDENT).append("protected abstract ").append(w).append(" wrap(").append(w).append(" answer);\n");
        }
        if (spec.hooked != null) {
            out.append("\n").append(INDENT).append("/** Called first by every {@code ").append(spec.hooked)
                    .append("*} method, whether or not the delegate then accepts the call: nothing here. */\n");
            out.append(INDENT).append("protected void ").append(spec.hook()).append("() {\n");
            out.append(INDENT).append("}\n");
        }
        for (Method m : methods(spec)) {
            out.append("\n");
            method(out, m, spec.wrapped != null && m.getReturnType() == spec.wrapped,
                    spec.hooks(m) ? spec.hook() : null);
        }
        out.append("}\n");
        return out.toString();
    }

    /**
     * The interface's instance methods, the most specific declaration of each signature, sorted by name and
     * parameter types; for a base over a wrapper minus the parent interfaces' methods, for a base over a
     * library class minus those it makes final or declares with a narrower {@code throws}.
     */
    private static List<Method> methods(Spec spec) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Method m : spec.iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            if (spec.isRoot() || spec.library != null ? !overridable(spec.library, m) : declaredAbove(spec.iface, m)) {
                continue;
            }
            String sig = signature(m);
            Method seen = bySignature.get(sig);
            if (seen == null || seen.getDeclaringClass().isAssignableFrom(m.getDeclaringClass())) {
                bySignature.put(sig, m);
            }
        }
        List<Method> list = new ArrayList<>(bySignature.values());
        list.sort(Comparator.comparing(DelegatingBaseGenerator::signature));
        return list;
    }

    /** Whether a subclass of {@code library} (none: a root base) may override {@code m} as the interface declares it. */
    private static boolean overridable(Class<?> library, Method m) {
        if (library == null) {
            return true;
        }
        try {
            Method there = library.getMethod(m.getName(), m.getParameterTypes());
            if (Modifier.isFinal(there.getModifiers())) {
                return false;
            }
            List<Class<?>> allowed = Arrays.asList(there.getExceptionTypes());
            for (Class<?> thrown : m.getExceptionTypes()) {
                if (allowed.stream().noneMatch(a -> a.isAssignableFrom(thrown))) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** Whether a parent interface of {@code iface} has that method (so the wrapper below has it). */
    private static boolean declaredAbove(Class<?> iface, Method m) {
        for (Class<?> parent : iface.getInterfaces()) {
            try {
                parent.getMethod(m.getName(), m.getParameterTypes());
                return true;
            } catch (NoSuchMethodException e) {
                // not in this parent
            }
        }
        return false;
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** One delegating method; {@code hook}, when not null, is called before the delegate. */
    private static void method(StringBuilder out, Method m, boolean wrap, String hook) {
        List<Class<?>> thrown = Arrays.asList(m.getExceptionTypes());
        boolean translates = thrown.contains(SQLException.class);
        if (m.isAnnotationPresent(Deprecated.class)) {
            out.append(INDENT).append("@Deprecated\n");
        }
        out.append(INDENT).append("@Override\n");
        out.append(INDENT).append("public ");
        List<String> names = header(out, m);
        out.append(" {\n");
        String invocation = "delegate()." + m.getName() + "(" + String.join(", ", names) + ")";
        String call = (m.getReturnType() == void.class ? "" : "return ")
                + (wrap ? "wrap(" + invocation + ")" : invocation) + ";\n";
        if (hook != null) {
            out.append(INDENT).append(INDENT).append(hook).append("();\n");
        }
        if (translates) {
            out.append(INDENT).append(INDENT).append("try {\n");
            out.append(INDENT).append(INDENT).append(INDENT).append(call);
            out.append(INDENT).append(INDENT).append("} catch (java.sql.SQLException e) {\n");
            out.append(INDENT).append(INDENT).append(INDENT).append("throw translate(e);\n");
            out.append(INDENT).append(INDENT).append("}\n");
        } else {
            // e.g. setClientInfo, which may throw only SQLClientInfoException: passed on as it is
            out.append(INDENT).append(INDENT).append(call);
        }
        out.append(INDENT).append("}\n");
    }

    /** Writes type parameters, answer, name, parameters and throws clause; returns the parameter names. */
    private static List<String> header(StringBuilder out, Method m) {
        TypeVariable<Method>[] vars = m.getTypeParameters();
        if (vars.length > 0) {
            out.append(Arrays.stream(vars).map(DelegatingBaseGenerator::typeVariable)
                    .collect(Collectors.joining(", ", "<", "> ")));
        }
        out.append(m.getGenericReturnType().getTypeName()).append(" ").append(m.getName()).append("(");
        Type[] params = m.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            names.add("arg" + i);
            out.append(i == 0 ? "" : ", ").append(params[i].getTypeName()).append(" arg").append(i);
        }
        out.append(")");
        Class<?>[] thrown = m.getExceptionTypes();
        if (thrown.length > 0) {
            out.append(Arrays.stream(thrown).map(Class::getName).collect(Collectors.joining(", ", " throws ", "")));
        }
        return names;
    }

    private static String refusing(String pkg, Spec spec) {
        String ifaceName = spec.iface.getName();
        boolean byLabel = hasFindColumn(spec.iface);
        StringBuilder out = new StringBuilder();
        out.append("// Generated by ").append(DelegatingBaseGenerator.class.getName())
                .append(" from ").append(ifaceName).append(" at build time; do not edit.\n");
        out.append("package ").append(pkg).append(";\n\n");
        out.append(spec.isRoot() ? "/**\n * Every method of {@link " : "/**\n * The methods the parent interface lacks, of {@link ")
                .append(ifaceName).append("}, refused with {@code unsupported}, for an implementation to\n")
                .append(" * override what it supports; methods that cannot throw {@link java.sql.SQLException} stay abstract.\n");
        if (byLabel) {
            out.append(" * A method taking a column label calls the same method with {@code findColumn(label)}.\n");
        }
        if (spec.isRoot()) {
            out.append(" * It wraps nothing: {@code isWrapperFor} and {@code unwrap} answer for this object itself.\n");
        }
        out.append(" */\n");
        out.append("abstract class ").append(spec.className());
        if (!spec.isRoot()) {
            out.append(" extends ").append(spec.superclass);
        }
        out.append(" implements ").append(ifaceName).append(" {\n");
        if (spec.isRoot()) {
            out.append(INDENT).append("/** The error for a method this implementation does not support. */\n");
            out.append(INDENT).append("protected abstract java.sql.SQLException unsupported(String method);\n");
        } else {
            constructor(out, spec);
        }
        for (Method m : methods(spec)) {
            out.append("\n");
            boolean throwsSql = Arrays.asList(m.getExceptionTypes()).contains(SQLException.class);
            boolean toIndex = byLabel && hasByIndexSibling(spec.iface, m);
            if (m.isAnnotationPresent(Deprecated.class)) {
                out.append(INDENT).append("@Deprecated\n");
            }
            out.append(INDENT).append("@Override\n").append(INDENT).append(throwsSql ? "public " : "public abstract ");
            List<String> names = header(out, m);
            if (!throwsSql) {
                out.append(";\n");
                continue;
            }
            out.append(" {\n").append(INDENT).append(INDENT);
            if (spec.isRoot() && m.getDeclaringClass() == java.sql.Wrapper.class) {
                wrapsNothing(out, m);
            } else if (toIndex) {
                names.set(0, "findColumn(" + names.get(0) + ")");
                out.append(m.getReturnType() == void.class ? "" : "return ").append(m.getName()).append("(")
                        .append(String.join(", ", names)).append(");\n");
            } else {
                out.append("throw unsupported(\"").append(m.getName()).append("\");\n");
            }
            out.append(INDENT).append("}\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /** An implementation wraps nothing: it is a wrapper only for its own types, and unwraps to itself. */
    private static void wrapsNothing(StringBuilder out, Method m) {
        String body = INDENT + INDENT;
        if (m.getName().equals("isWrapperFor")) {
            out.append("return arg0.isInstance(this);\n");
        } else {
            out.append("if (arg0.isInstance(this)) {\n").append(body).append(INDENT).append("return arg0.cast(this);\n")
                    .append(body).append("}\n").append(body)
                    .append("throw new java.sql.SQLException(\"Not a wrapper for \" + arg0.getName(), \"HY000\");\n");
        }
    }

    /** The superclass's constructor, passed on. */
    private static void constructor(StringBuilder out, Spec spec) {
        out.append(INDENT).append(spec.className()).append("(");
        for (int i = 0; i < spec.superParams.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(spec.superParams.get(i)).append(" arg").append(i);
        }
        out.append(") {\n").append(INDENT).append(INDENT).append("super(");
        for (int i = 0; i < spec.superParams.size(); i++) {
            out.append(i == 0 ? "" : ", ").append("arg").append(i);
        }
        out.append(");\n").append(INDENT).append("}\n");
    }

    private static boolean hasFindColumn(Class<?> iface) {
        try {
            return iface.getMethod("findColumn", String.class).getReturnType() == int.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** For {@code m(String label, ...)}: whether there is an {@code m(int index, ...)} with the same answer. */
    private static boolean hasByIndexSibling(Class<?> iface, Method m) {
        Class<?>[] params = m.getParameterTypes();
        if (params.length == 0 || params[0] != String.class || m.getName().equals("findColumn")) {
            return false;
        }
        Class<?>[] indexed = params.clone();
        indexed[0] = int.class;
        try {
            return iface.getMethod(m.getName(), indexed).getGenericReturnType().getTypeName()
                    .equals(m.getGenericReturnType().getTypeName());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String typeVariable(TypeVariable<Method> v) {
        Type[] bounds = v.getBounds();
        if (bounds.length == 1 && bounds[0] == Object.class) {
            return v.getName();
        }
        return v.getName() + Arrays.stream(bounds).map(Type::getTypeName).collect(Collectors.joining(" & ", " extends ", ""));
    }
}
