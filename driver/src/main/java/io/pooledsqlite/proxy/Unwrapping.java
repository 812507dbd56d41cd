package io.pooledsqlite.proxy;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * How a statement, result set or metadata wrapper answers {@code unwrap} and {@code isWrapperFor}: itself
 * first; else the physical object, after which its connection is replaced on return instead of being lent
 * again (the caller may change anything through it).
 */
final class Unwrapping {
    private Unwrapping() {
    }

    static <T> T unwrap(Wrapper wrapper, Wrapper delegate, Class<T> iface, ConnectionProxy connection)
            throws SQLException {
        if (iface.isInstance(wrapper)) {
            return iface.cast(wrapper);
        }
        connection.physicalObjectEscaped();
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    static boolean isWrapperFor(Wrapper wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
        return iface.isInstance(wrapper) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
