package io.pooledsqlite.engine.dqlite;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP server on loopback that speaks just enough of dqlite's protocol to be taken for a leader
 * (LEADER, CLIENT, OPEN) and then misbehaves in one of two ways a real node or network can: it refuses
 * the database, or it stops reading and answering. For faults a real dqlite node cannot be made to show.
 */
final class FakeDqliteNode implements AutoCloseable {
    /** What the node does after the handshake. */
    enum Fault { REFUSE_DATABASE, STOP_READING }

    private final ServerSocket server = new ServerSocket(0);
    private final Fault fault;
    private final Thread thread;
    private final List<Socket> accepted = new ArrayList<>();

    FakeDqliteNode(Fault fault) throws IOException {
        this.fault = fault;
        this.thread = new Thread(this::serve, "fake-dqlite-node");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        try {
            while (true) {
                Socket s = server.accept();
                synchronized (accepted) {
                    accepted.add(s);
                }
                Thread t = new Thread(() -> converse(s), "fake-dqlite-conversation");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void converse(Socket s) {
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.readFully(new byte[8]);
            while (true) {
                byte[] header = new byte[8];
                in.readFully(header);
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                int words = h.getInt();
                int type = h.get();
                if (type != Wire.REQUEST_LEADER && type != Wire.REQUEST_CLIENT && type != Wire.REQUEST_OPEN) {
                    // stop reading (not even the body) and answering; the socket stays open until the test ends
                    return;
                }
                in.readFully(new byte[words * 8]);
                if (type == Wire.REQUEST_LEADER) {
                    out.write(new Request(Wire.RESPONSE_NODE).uint64(1).text(address()).encode().array());
                } else if (type == Wire.REQUEST_CLIENT) {
                    out.write(new Request(Wire.RESPONSE_WELCOME).uint64(15_000).encode().array());
                } else if (type == Wire.REQUEST_OPEN && fault == Fault.REFUSE_DATABASE) {
                    out.write(new Request(Wire.RESPONSE_FAILURE).uint64(14).text("unable to open database file")
                            .encode().array());
                } else {
                    out.write(new Request(Wire.RESPONSE_DB).uint32Pair(0, 0).encode().array());
                }
                out.flush();
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
        thread.join(5000);
    }
}
