// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on a free loopback port in front of a database, which the test can {@linkplain #stop()
 * stop} and {@linkplain #start() start} again on the same port.
 *
 * <p>To the client, a stopped proxy is a stopped database server: every open connection is reset
 * (as when the server process dies or the host goes away; pgjdbc fails the statement in hand with
 * an I/O error, SQLState 08006) and a new connection is refused, because nothing listens on the
 * port any more (SQLState 08001). A server stopped with {@code pg_ctl stop -m fast} first sends
 * its sessions error 57P01 and then closes them, which the client handles the same way. The server
 * behind the proxy sees its sessions reset and rolls back any transaction whose {@code COMMIT} it
 * did not receive, as it would after a crash of the client. So the tests get a database outage
 * without stopping the PostgreSQL that other tests share.
 */
final class FaultProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;
    private static final int CONNECT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final int port;
    private ServerSocket listener;

    /** Starts forwarding from a free loopback port to {@code host:targetPort}. */
    FaultProxy(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        this.port = listen(0);
    }

    int port() {
        return port;
    }

    /** The outage: closes the listening socket, then resets every connection in both directions. */
    void stop() throws IOException {
        lock.lock();
        try {
            if (listener != null) {
                listener.close();
                listener = null;
            }
            for (Socket socket : open) {
                reset(socket);
            }
            open.clear();
        } finally {
            lock.unlock();
        }
    }

    /** The end of the outage: listens on the same port again. */
    void start() throws IOException {
        lock.lock();
        try {
            if (listener == null) {
                listen(port);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private int listen(int onPort) throws IOException {
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        listener = socket;
        Thread.ofVirtual().name("fault-proxy-accept-" + socket.getLocalPort()).start(() -> accept(socket));
        return socket.getLocalPort();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                continue; // the listener was closed: an outage
            }
            Socket server = new Socket();
            try {
                server.connect(target, CONNECT_MILLIS);
            } catch (IOException e) {
                reset(client); // the database itself refused: the client sees its connection end
                closeQuietly(server);
                continue;
            }
            lock.lock();
            try {
                if (listener != socket) { // stopped while this connection was being made
                    reset(client);
                    reset(server);
                    continue;
                }
                open.add(client);
                open.add(server);
            } finally {
                lock.unlock();
            }
            Thread.ofVirtual().start(() -> pipe(client, server));
            Thread.ofVirtual().start(() -> pipe(server, client));
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // reset by stop(), or by either end
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Closes with SO_LINGER 0, which sends RST instead of FIN: the peer sees "connection reset". */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
