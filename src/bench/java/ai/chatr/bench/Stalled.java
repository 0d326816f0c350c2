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
     * Bytes the server's kernel holds for the stalled streams still open, unsent because they do
     * not read (the sum of their Send-Q).
     */
    long queuedInKernel() {
        java.util.Set<String> ours = new java.util.HashSet<>();
        for (Socket socket : sockets) {
            ours.add(":" + socket.getLocalPort());
        }
        long bytes = 0;
        for (String line : ss("state", "established", "( sport = :" + server.getPort() + " )")) {
            String[] columns = line.trim().split("\\s+"); // Recv-Q Send-Q Local Peer
            if (columns.length >= 4 && ours.stream().anyMatch(columns[3]::endsWith)) {
                bytes += Long.parseLong(columns[1]);
            }
        }
        return bytes;
    }

    /**
     * Connections to the server that it has closed while data for them still waits in its socket
     * buffer (state FIN-WAIT-1 on the server's side): the stalled streams it gave up on.
     */
    int closedByServer() {
        return ss("state", "fin-wait-1", "( sport = :" + server.getPort() + " )").size();
    }

    private static List<String> ss(String... filter) {
        List<String> command = new ArrayList<>(List.of("ss", "-Htn"));
        command.addAll(List.of(filter));
        try {
            Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            ss.waitFor();
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
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
