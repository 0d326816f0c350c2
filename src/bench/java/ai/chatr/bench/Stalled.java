package ai.chatr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams that send their request and never read a byte: a tiny receive window, so that the
 * server's socket buffers for them fill as soon as it has a few megabytes to send.
 */
final class Stalled implements AutoCloseable {

    private final InetSocketAddress server;
    private final List<Socket> sockets = new ArrayList<>();

    Stalled(InetSocketAddress server, String path, int count) throws IOException {
        this.server = server;
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            sockets.add(socket);
            socket.setReceiveBufferSize(1024);
            socket.connect(server, 5000);
            socket.getOutputStream().write(request);
        }
    }

    /**
     * Connections to the server that it has closed while data for them still waits in its socket
     * buffer (state FIN-WAIT-1 on the server's side): the stalled streams it gave up on.
     */
    int closedByServer() {
        try {
            Process ss = new ProcessBuilder("ss", "-Htn", "state", "fin-wait-1", "( sport = :" + server.getPort() + " )")
                    .redirectErrorStream(true).start();
            long lines = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
            ss.waitFor();
            return (int) lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0); // reset: nothing the server still holds for it is sent
                socket.close();
            } catch (IOException alreadyGone) {
                // nothing to release
            }
        }
    }
}
