package io.pooledsqlite.agent;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into {@code org.sqlite.BusyHandler.setHandler(Connection, BusyHandler)} and
 * {@code clearHandler(Connection)}: after sqlite-jdbc has installed or removed the program's busy
 * handler, tells the pooled connection, which then lets SQLite's own locking (and so the handler) decide
 * instead of the pool's write gate, and removes the handler when the connection goes back to the pool.
 */
final class BusyHandlerAdvice {

  private BusyHandlerAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.AllArguments Object[] arguments) {
    ConnectionRouter.busyHandlerChanged(arguments[0], arguments.length > 1 && arguments[1] != null);
  }
}
