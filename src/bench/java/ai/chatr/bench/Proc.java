package ai.chatr.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time and resident memory of a server: a process and all its descendants (nginx's master
 * and workers), read from {@code /proc/<pid>/stat}.
 */
final class Proc {

    /** Clock ticks per second of utime/stime; 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;
    private static final long PAGE_KB = 4;

    record Usage(long ticks, long rssKb) {
        double cpuSeconds() {
            return ticks / TICKS_PER_SECOND;
        }
    }

    private Proc() {
    }

    static Usage of(long rootPid) {
        Map<Long, long[]> stats = new HashMap<>(); // pid -> {ppid, utime+stime, rss pages}
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                long[] stat = stat(dir.resolve("stat"));
                if (stat != null) {
                    stats.put(Long.parseLong(dir.getFileName().toString()), stat);
                }
            }
        } catch (IOException unreadable) {
            return new Usage(0, 0);
        }
        Set<Long> tree = new HashSet<>(List.of(rootPid));
        ArrayDeque<Long> todo = new ArrayDeque<>(tree);
        while (!todo.isEmpty()) {
            long parent = todo.pop();
            stats.forEach((pid, stat) -> {
                if (stat[0] == parent && tree.add(pid)) {
                    todo.push(pid);
                }
            });
        }
        long ticks = 0;
        long rss = 0;
        for (long pid : tree) {
            long[] stat = stats.get(pid);
            if (stat != null) {
                ticks += stat[1];
                rss += stat[2] * PAGE_KB;
            }
        }
        return new Usage(ticks, rss);
    }

    static Usage self() {
        return of(ProcessHandle.current().pid());
    }

    private static long[] stat(Path file) {
        try {
            String line = Files.readString(file);
            // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[21])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
