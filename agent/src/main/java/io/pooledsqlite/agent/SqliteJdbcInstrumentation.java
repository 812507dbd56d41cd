package io.pooledsqlite.agent;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.sql.Connection;
import java.util.Properties;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs {@link CreateConnectionAdvice} into {@code org.sqlite.JDBC} and {@link BusyHandlerAdvice} into
 * {@code org.sqlite.BusyHandler}, now for classes already loaded (retransformation, as after a dynamic
 * attach) and later for classes still to come.
 *
 * <p>Only the sqlite-jdbc of the agent's own class loader (the application class path, for programs
 * started with {@code -cp} or {@code -jar}) is instrumented: the pool links against that copy, and a
 * copy in another loader could not even see the agent's classes. {@code java.sql.DriverManager} is not
 * touched.
 */
final class SqliteJdbcInstrumentation {

  static final String JDBC_CLASS = "org.sqlite.JDBC";
  static final String BUSY_HANDLER_CLASS = "org.sqlite.BusyHandler";

  private static final ElementMatcher.Junction<MethodDescription> CREATE_CONNECTION =
      named("createConnection").and(isStatic()).and(takesArguments(String.class, Properties.class));

  private static final ElementMatcher.Junction<MethodDescription> SET_OR_CLEAR_HANDLER =
      isStatic().and(named("setHandler").and(takesArguments(2)).or(named("clearHandler").and(takesArguments(1))))
          .and(takesArgument(0, Connection.class));

  private SqliteJdbcInstrumentation() {}

  /**
   * Installs the advice.
   *
   * @throws RuntimeException if an already-loaded {@code org.sqlite.JDBC} cannot be retransformed
   */
  static void install(Instrumentation instrumentation) {
    // Without this Byte Buddy probes sun.misc.Unsafe, which JDK 24+ warns about on stderr. The property
    // name is relocated with Byte Buddy, so only the agent's private copy reads it.
    if (System.getProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY) == null) {
      System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
    }
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.RedefinitionStrategy.Listener.ErrorEscalating.FAIL_FAST)
        .with(new FailureLog())
        .type(new SqliteJdbcOfAgentLoader())
        .transform(SqliteJdbcInstrumentation::advise)
        .installOn(instrumentation);
  }

  private static DynamicType.Builder<?> advise(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      ProtectionDomain domain) {
    if (type.getName().equals(BUSY_HANDLER_CLASS)) {
      // a pooled connection must know about the program's busy handler; without this it is never called
      return builder.visit(Advice.to(BusyHandlerAdvice.class).on(SET_OR_CLEAR_HANDLER));
    }
    return adviseCreateConnection(builder, type, loader, module, domain);
  }

  private static DynamicType.Builder<?> adviseCreateConnection(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      ProtectionDomain domain) {
    if (type.getDeclaredMethods().filter(CREATE_CONNECTION).isEmpty()) {
      AgentLog.logOnce(Level.WARNING, "no-createConnection",
          "this sqlite-jdbc has no static JDBC.createConnection(String, Properties); the program runs unpooled");
      return builder;
    }
    return builder.visit(Advice.to(CreateConnectionAdvice.class).on(CREATE_CONNECTION));
  }

  /** Matches {@code org.sqlite.JDBC} in the agent's loader; says once where another copy stays unpooled. */
  private static final class SqliteJdbcOfAgentLoader implements AgentBuilder.RawMatcher {
    @Override
    public boolean matches(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        Class<?> classBeingRedefined,
        ProtectionDomain domain) {
      if (!type.getName().equals(JDBC_CLASS) && !type.getName().equals(BUSY_HANDLER_CLASS)) {
        return false;
      }
      if (loader == SqliteJdbcInstrumentation.class.getClassLoader()) {
        return true;
      }
      AgentLog.logOnce(Level.INFO, "loader:" + loader,
          "sqlite-jdbc loaded by " + loader + " is not on the application class path; its connections stay unpooled");
      return false;
    }
  }

  /** Turns a transformation error into one log line; the class then stays as sqlite-jdbc shipped it. */
  private static final class FailureLog extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      AgentLog.logOnce(Level.WARNING, "error:" + typeName,
          "could not instrument " + typeName + " (" + error + "); its connections stay unpooled");
    }
  }
}
