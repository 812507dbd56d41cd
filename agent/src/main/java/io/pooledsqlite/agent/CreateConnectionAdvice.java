package io.pooledsqlite.agent;

import java.util.Properties;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into {@code org.sqlite.JDBC.createConnection(String, Properties)}, the method that
 * {@code DriverManager}, {@code JDBC.connect}, {@code SQLiteDataSource.getConnection} and
 * {@code SQLiteConfig.createConnection} all end in.
 *
 * <p>When the router hands back a pooled connection the original body is skipped and that connection
 * is returned; otherwise sqlite-jdbc runs unchanged. Advice only adds code to an existing method, so the
 * class keeps its shape and can be retransformed after a dynamic attach.
 */
final class CreateConnectionAdvice {

  private CreateConnectionAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(@Advice.Argument(0) String url, @Advice.Argument(1) Properties info) {
    return ConnectionRouter.pooledOrNull(url, info);
  }

  @Advice.OnMethodExit
  static void exit(
      @Advice.Enter Object pooled,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (pooled != null) {
      returned = pooled;
    }
  }
}
