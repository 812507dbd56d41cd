package io.pooledsqlite.engine.dqlite;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One TCP connection to one dqlite node, after the protocol handshake: sends a request, reads responses.
 * dqlite serves one request at a time per connection, so callers serialize their use of it. Every read
 * is bounded by the socket timeout, so a silent peer fails the call instead of hanging it.
 */
final class NodeConnection implements AutoCloseable {
    private final String address;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] header = new byte[Wire.WORD];

    private NodeConnection(String address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port} within {@code timeoutMs} and sends the protocol version. */
    static NodeConnection open(String address, int timeoutMs) throws IOException {
        InetSocketAddress target = parse(address);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMs);
            socket.connect(target, timeoutMs);
            NodeConnection c = new NodeConnection(address, socket);
            ByteBuffer version = ByteBuffer.allocate(Wire.WORD).order(ByteOrder.LITTLE_ENDIAN);
            version.putLong(Wire.PROTOCOL_VERSION);
            c.out.write(version.array());
            c.out.flush();
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Splits {@code host:port} (or {@code [v6]:port}); a bad address is an IOException naming it. */
    static InetSocketAddress parse(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IOException("'" + address + "' is not of the form host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("'" + address + "' has no numeric port");
        }
        if (port <= 0 || port > 65535) {
            throw new IOException("'" + address + "' has port " + port + " out of range");
        }
        return new InetSocketAddress(host, port);
    }

    String address() {
        return address;
    }

    /** Changes the bound on each read, e.g. to a statement's query timeout. */
    void readTimeout(int timeoutMs) throws IOException {
        if (!socket.isClosed()) {
            // a closed socket has nothing left to bound, and must not hide why it closed
            socket.setSoTimeout(timeoutMs);
        }
    }

    /** Sends a request and returns its (first) response. */
    Response call(Request request) throws IOException, ServerFailure {
        send(request);
        return receive();
    }

    void send(Request request) throws IOException {
        ByteBuffer message = request.encode();
        if (message.limit() <= WriteWatchdog.UNGUARDED_BYTES) {
            out.write(message.array(), 0, message.limit());
            out.flush();
            return;
        }
        int timeoutMs = socket.getSoTimeout();
        java.util.concurrent.ScheduledFuture<?> guard = WriteWatchdog.guard(socket, timeoutMs);
        try {
            out.write(message.array(), 0, message.limit());
            out.flush();
        } catch (IOException e) {
            throw new IOException(address + " did not take a " + message.limit() + "-byte request within "
                    + timeoutMs + " ms (" + e.getMessage() + ")", e);
        } finally {
            guard.cancel(false);
        }
    }

    /** Reads the next response; a FAILURE response is thrown as {@link ServerFailure}. */
    Response receive() throws IOException, ServerFailure {
        readFully(header, header.length);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long words = h.getInt() & 0xffffffffL;
        int type = h.get() & 0xff;
        if (words * Wire.WORD > Wire.MAX_BODY_BYTES) {
            throw new ProtocolViolation("a message header announces " + words * Wire.WORD + " bytes");
        }
        if (type > Wire.LAST_RESPONSE_TYPE) {
            throw new ProtocolViolation("a message of unknown type " + type + " arrived");
        }
        byte[] body = new byte[(int) (words * Wire.WORD)];
        readFully(body, body.length);
        Response r = new Response(type, ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
        if (type == Wire.RESPONSE_FAILURE) {
            int code = (int) r.uint64();
            throw new ServerFailure(code, r.text());
        }
        return r;
    }

    /** Reads the next response and checks its type. */
    Response expect(int type) throws IOException, ServerFailure {
        Response r = receive();
        check(r, type);
        return r;
    }

    static void check(Response r, int type) throws ProtocolViolation {
        if (r.type() != type) {
            throw new ProtocolViolation("expected a " + Wire.responseName(type) + " response, got "
                    + Wire.responseName(r.type()));
        }
    }

    private void readFully(byte[] buffer, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n;
            try {
                n = in.read(buffer, done, length - done);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no answer from " + address + " within " + socket.getSoTimeout()
                        + " ms");
            }
            if (n < 0) {
                throw new EOFException(address + " closed the connection");
            }
            done += n;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
