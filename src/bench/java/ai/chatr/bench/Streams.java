package ai.chatr.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many SSE streams on raw non-blocking sockets, all read by one selector thread: a few hundred
 * bytes of state per stream, so that 10000 of them cost the generator little. Understands
 * HTTP/1.1 with or without chunked encoding, and SSE {@code data:} lines carrying the
 * benchmark's messages: {@code bench r=TAG s=SEQ t=MICROS ...} inside the JSON.
 *
 * <p>In history mode a stream closes itself as soon as its history has arrived (one
 * {@code history} frame, or a number of buffered message events) and records how long that took.
 */
final class Streams implements AutoCloseable {

    private static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HISTORY = "{\"type\":\"history\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MARK = "bench r=".getBytes(StandardCharsets.US_ASCII);
    private static final int SIZE = 0;
    private static final int DATA = 1;
    private static final int DATA_END = 2;
    private static final int LAST = 3;

    private final InetSocketAddress server;
    private final byte[] request;
    private final byte[] tag;
    private final int historyEvents;
    private final boolean historyMode;
    private final Selector selector;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    private final List<Conn> conns = new ArrayList<>();
    private volatile boolean running = true;

    /** Post sent → event received, for the measured tag. */
    final Histogram latency = new Histogram();
    /** First stream to receive a message → this stream receiving it: how long the fan-out itself takes. */
    final Histogram spread = new Histogram();
    /** When the first stream received each measured message (µs), by sequence number. */
    private final long[] firstSeen;
    /** Connect started → history complete, in history mode. */
    final Histogram historyLatency = new Histogram();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger historyDone = new AtomicInteger();
    final AtomicLong delivered = new AtomicLong();
    /** Distinct measured messages received, per stream. */
    final AtomicIntegerArray unique;
    /** 1 while a stream is open and answered 200. */
    final AtomicIntegerArray alive;

    /** One stream's state; touched only by the selector thread. */
    static final class Conn {
        final int index;
        final long startNanos;
        SocketChannel channel;
        SelectionKey key;
        boolean inBody;
        boolean done;
        byte[] head = new byte[512];
        int headLength;
        boolean chunked;
        int chunkState = SIZE;
        long chunkLeft;
        boolean chunkExtension;
        byte[] line = new byte[1024];
        int lineLength;
        final BitSet seen = new BitSet();
        long pendingId = -1;
        long lastId = -1;
        int duplicated;
        int reordered;
        int historyEvents;
        boolean historyFrame;

        Conn(int index, long startNanos) {
            this.index = index;
            this.startNanos = startNanos;
        }
    }

    Streams(InetSocketAddress server, String path, String tag, int capacity, int messages, boolean historyMode,
            int historyEvents) throws IOException {
        this.firstSeen = new long[messages];
        this.server = server;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.tag = tag.getBytes(StandardCharsets.US_ASCII);
        this.historyMode = historyMode;
        this.historyEvents = historyEvents;
        this.unique = new AtomicIntegerArray(capacity);
        this.alive = new AtomicIntegerArray(capacity);
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "streams");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /** Starts {@code count} more connections (asynchronously). */
    void open(int count) {
        tasks.add(() -> {
            for (int i = 0; i < count && conns.size() < unique.length(); i++) {
                Conn conn = new Conn(conns.size(), System.nanoTime());
                conns.add(conn);
                created.incrementAndGet();
                try {
                    conn.channel = SocketChannel.open();
                    conn.channel.configureBlocking(false);
                    conn.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    conn.key = conn.channel.register(selector, SelectionKey.OP_CONNECT, conn);
                    if (conn.channel.connect(server)) {
                        connected(conn);
                    }
                } catch (IOException refused) {
                    end(conn);
                }
            }
        });
        selector.wakeup();
    }

    /** Connections that have answered, one way or the other. */
    int settled() {
        return connected.get() + failed.get();
    }

    /** Whether every open stream has received {@code expected} distinct measured messages. */
    boolean caughtUp(int expected) {
        for (int i = 0; i < created.get(); i++) {
            if (alive.get(i) == 1 && unique.get(i) < expected) {
                return false;
            }
        }
        return true;
    }

    /** Closes every stream and stops the reader; afterwards {@link #connections()} may be read. */
    @Override
    public void close() throws IOException {
        tasks.add(() -> {
            conns.forEach(this::quietClose);
            running = false;
        });
        selector.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        running = false;
        selector.close();
    }

    List<Conn> connections() {
        return conns;
    }

    private void run() {
        try {
            while (running) {
                selector.select(10);
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn conn = (Conn) key.attachment();
                    try {
                        if (key.isValid() && key.isConnectable()) {
                            if (conn.channel.finishConnect()) {
                                connected(conn);
                            }
                        } else if (key.isValid() && key.isReadable()) {
                            buffer.clear();
                            int read = conn.channel.read(buffer);
                            if (read < 0) {
                                end(conn);
                            } else if (read > 0) {
                                feed(conn, buffer.array(), 0, read, now);
                            }
                        }
                    } catch (IOException | RuntimeException gone) {
                        end(conn);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException stopped) {
            running = false;
        }
    }

    private void connected(Conn conn) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(request);
        while (out.hasRemaining()) {
            conn.channel.write(out);
        }
        conn.key.interestOps(SelectionKey.OP_READ);
    }

    /** The server (or the network) ended a stream. */
    private void end(Conn conn) {
        if (conn.done) {
            return;
        }
        if (conn.inBody) {
            dropped.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
        quietClose(conn);
    }

    private void quietClose(Conn conn) {
        conn.done = true;
        alive.set(conn.index, 0);
        try {
            if (conn.channel != null) {
                conn.channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void feed(Conn conn, byte[] b, int off, int end, long now) {
        if (conn.inBody) {
            body(conn, b, off, end, now);
            return;
        }
        for (int i = off; i < end; i++) {
            if (conn.headLength == conn.head.length) {
                conn.head = java.util.Arrays.copyOf(conn.head, conn.head.length * 2);
            }
            conn.head[conn.headLength++] = b[i];
            int n = conn.headLength;
            if (n >= 4 && conn.head[n - 1] == '\n' && conn.head[n - 2] == '\r' && conn.head[n - 3] == '\n' && conn.head[n - 4] == '\r') {
                String head = new String(conn.head, 0, n, StandardCharsets.ISO_8859_1);
                conn.head = null;
                if (!head.startsWith("HTTP/1.1 200")) {
                    end(conn);
                    return;
                }
                conn.chunked = head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
                conn.inBody = true;
                alive.set(conn.index, 1);
                connected.incrementAndGet();
                body(conn, b, i + 1, end, now);
                return;
            }
        }
    }

    private void body(Conn conn, byte[] b, int off, int end, long now) {
        if (!conn.chunked) {
            lines(conn, b, off, end, now);
            return;
        }
        int i = off;
        while (i < end && !conn.done) {
            switch (conn.chunkState) {
                case SIZE -> {
                    byte x = b[i++];
                    if (x == '\n') {
                        conn.chunkState = conn.chunkLeft == 0 ? LAST : DATA;
                        conn.chunkExtension = false;
                    } else if (x == ';') {
                        conn.chunkExtension = true;
                    } else if (!conn.chunkExtension && x != '\r') {
                        conn.chunkLeft = conn.chunkLeft * 16 + Character.digit(x, 16);
                    }
                }
                case DATA -> {
                    int n = (int) Math.min(end - i, conn.chunkLeft);
                    lines(conn, b, i, i + n, now);
                    i += n;
                    conn.chunkLeft -= n;
                    if (conn.chunkLeft == 0) {
                        conn.chunkState = DATA_END;
                    }
                }
                case DATA_END -> {
                    if (b[i++] == '\n') {
                        conn.chunkState = SIZE;
                    }
                }
                default -> {
                    end(conn);
                    return;
                }
            }
        }
    }

    private void lines(Conn conn, byte[] b, int off, int end, long now) {
        int i = off;
        while (i < end && !conn.done) {
            int newline = i;
            while (newline < end && b[newline] != '\n') {
                newline++;
            }
            int length = newline - i;
            if (conn.lineLength + length > conn.line.length) {
                conn.line = java.util.Arrays.copyOf(conn.line, Math.max(conn.line.length * 2, conn.lineLength + length));
            }
            System.arraycopy(b, i, conn.line, conn.lineLength, length);
            conn.lineLength += length;
            if (newline == end) {
                return;
            }
            line(conn, now);
            conn.lineLength = 0;
            i = newline + 1;
        }
    }

    private void line(Conn conn, long now) {
        byte[] l = conn.line;
        int n = conn.lineLength;
        if (n > 0 && l[n - 1] == '\r') {
            n--;
        }
        if (n >= 3 && l[0] == 'i' && l[1] == 'd' && l[2] == ':') {
            conn.pendingId = eventId(l, 3, n);
        } else if (n >= 5 && l[0] == 'd' && l[1] == 'a' && l[2] == 't' && l[3] == 'a' && l[4] == ':') {
            int start = n > 5 && l[5] == ' ' ? 6 : 5;
            if (startsWith(l, start, n, MESSAGE)) {
                message(conn, l, start, n, now);
            } else if (startsWith(l, start, n, HISTORY)) {
                conn.historyFrame = true;
                if (historyMode && historyEvents <= 1) {
                    historyDone(conn, now);
                }
            }
        }
    }

    private void message(Conn conn, byte[] l, int start, int n, long now) {
        int mark = indexOf(l, start, n, MARK);
        if (mark < 0) {
            return;
        }
        if (historyMode) {
            if (++conn.historyEvents >= historyEvents) {
                historyDone(conn, now);
            }
            return;
        }
        int p = mark + MARK.length;
        if (p + tag.length > n || !startsWith(l, p, n, tag)) {
            return; // another run's message
        }
        p += tag.length + 3; // " s="
        int seq = 0;
        while (p < n && l[p] >= '0' && l[p] <= '9') {
            seq = seq * 10 + (l[p++] - '0');
        }
        p += 3; // " t="
        long sent = 0;
        while (p < n && l[p] >= '0' && l[p] <= '9') {
            sent = sent * 10 + (l[p++] - '0');
        }
        long id = conn.pendingId;
        conn.pendingId = -1;
        delivered.incrementAndGet();
        long nowMicros = Bench.micros(now);
        latency.record(nowMicros - sent);
        if (seq < firstSeen.length) {
            if (firstSeen[seq] == 0) {
                firstSeen[seq] = nowMicros;
            }
            spread.record(nowMicros - firstSeen[seq]);
        }
        if (conn.seen.get(seq)) {
            conn.duplicated++;
            return;
        }
        conn.seen.set(seq);
        if (id >= 0) {
            if (id <= conn.lastId) {
                conn.reordered++;
            }
            conn.lastId = Math.max(conn.lastId, id);
        }
        unique.lazySet(conn.index, unique.get(conn.index) + 1);
    }

    /**
     * The server's order of an event: chatr's {@code id: 123}, or nchan's {@code id: <time>:<tag>}
     * (time in seconds, then a counter within that second).
     */
    private static long eventId(byte[] l, int start, int n) {
        long high = 0;
        long current = 0;
        boolean colon = false;
        for (int i = start; i < n; i++) {
            byte b = l[i];
            if (b >= '0' && b <= '9') {
                current = current * 10 + (b - '0');
            } else if (b == ':') {
                high = current;
                current = 0;
                colon = true;
            }
        }
        return colon ? high * 1_000_000 + current : current;
    }

    private void historyDone(Conn conn, long now) {
        historyLatency.record((now - conn.startNanos) / 1000);
        historyDone.incrementAndGet();
        quietClose(conn);
    }

    private static boolean startsWith(byte[] b, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int start, int end, byte[] what) {
        byte first = what[0];
        for (int i = start; i <= end - what.length; i++) {
            if (b[i] == first && startsWith(b, i, end, what)) {
                return i;
            }
        }
        return -1;
    }
}
