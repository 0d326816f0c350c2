package ai.chatr.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long chatr takes to answer {@code POST /api/heartbeat} for four kinds of API key, sent in
 * turn, one request at a time: a random key nobody has; a key one hex digit away from a
 * registered one (what a timing attack on a plain string compare would probe); a key whose
 * SHA-256 hash starts like the registered key's (the probe against an index of hashes); and the
 * registered key itself (accepted: it also records the agent as seen). Each refused kind is drawn
 * in turn from a pool of {@link #POOL} keys, so that none gains from being asked again and again.
 * The three refused kinds should be indistinguishable: a two-sample Kolmogorov-Smirnov test at
 * the 0.1 % level says whether they are.
 */
final class KeyLookups {

    private static final HexFormat HEX = HexFormat.of();
    /** c(alpha) of the two-sample Kolmogorov-Smirnov test at alpha = 0.001. */
    private static final double KS_C = 1.949;
    private static final int POOL = 64;

    private final HttpClient http;
    private final Target target;
    private final SecureRandom random = new SecureRandom();

    KeyLookups(HttpClient http, Target target) {
        this.http = http;
        this.target = target;
    }

    Map<String, String> measure(int rounds, int warmup) throws Exception {
        String known = target.key(0);
        List<String> unknown = new ArrayList<>();
        List<String> nearMisses = new ArrayList<>();
        List<String> hashPrefixes = new ArrayList<>();
        String stem = known.substring(0, known.length() - 2);
        for (int i = 0; nearMisses.size() < POOL; i++) {
            String candidate = stem + HEX.toHexDigits((byte) i);
            if (!candidate.equals(known)) {
                nearMisses.add(candidate);
            }
        }
        while (unknown.size() < POOL) {
            unknown.add(randomKey());
            hashPrefixes.add(keyWhoseHashStartsLike(known, 3));
        }
        List<String> kinds = List.of("unknown", "near_miss", "hash_prefix", "known");
        long[][] micros = new long[kinds.size()][rounds];
        for (int r = -warmup; r < rounds; r++) {
            for (int i = 0; i < kinds.size(); i++) {
                int kind = Math.floorMod(r + i, kinds.size()); // each kind goes first in turn
                int draw = Math.floorMod(r, POOL);
                String key = switch (kind) {
                    case 0 -> unknown.get(draw);
                    case 1 -> nearMisses.get(draw);
                    case 2 -> hashPrefixes.get(draw);
                    default -> known;
                };
                long took = heartbeat(key, kind == 3 ? 200 : 401);
                if (r >= 0) {
                    micros[kind][r] = took;
                }
            }
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("rounds", String.valueOf(rounds));
        for (int k = 0; k < kinds.size(); k++) {
            Arrays.sort(micros[k]);
            f.put(kinds.get(k) + "_p50_ms", Bench.fmt(percentile(micros[k], 50) / 1000.0));
            f.put(kinds.get(k) + "_p90_ms", Bench.fmt(percentile(micros[k], 90) / 1000.0));
        }
        double critical = KS_C * Math.sqrt(2.0 / rounds);
        double worstRefused = Math.max(ks(micros[0], micros[1]), Math.max(ks(micros[0], micros[2]), ks(micros[1], micros[2])));
        f.put("ks_refused_kinds", Bench.fmt(worstRefused));
        f.put("ks_unknown_vs_known", Bench.fmt(ks(micros[0], micros[3])));
        f.put("ks_critical", Bench.fmt(critical));
        f.put("refused_kinds", worstRefused <= critical ? "indistinguishable" : "distinguishable");
        f.put("known_vs_unknown", ks(micros[0], micros[3]) <= critical ? "indistinguishable" : "distinguishable");
        return f;
    }

    private long heartbeat(String key, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(target.base().resolve("/api/heartbeat"))
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        long start = System.nanoTime();
        HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
        long took = (System.nanoTime() - start) / 1000;
        if (answer.statusCode() != expected) {
            throw new IllegalStateException("POST /api/heartbeat answered " + answer.statusCode() + ", not " + expected);
        }
        return took;
    }

    private String randomKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "chatr_" + HEX.formatHex(bytes);
    }

    /** A random key (other than {@code key}) whose SHA-256 hash begins with the same {@code digits} hex digits as {@code key}'s. */
    private String keyWhoseHashStartsLike(String key, int digits) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String wanted = HEX.formatHex(sha.digest(key.getBytes(StandardCharsets.US_ASCII))).substring(0, digits);
        while (true) {
            String candidate = randomKey();
            String hash = HEX.formatHex(sha.digest(candidate.getBytes(StandardCharsets.US_ASCII)));
            if (hash.startsWith(wanted) && !candidate.equals(key)) {
                return candidate;
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    /** The two-sample Kolmogorov-Smirnov statistic of two sorted samples: the widest gap between their distributions. */
    private static double ks(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        double widest = 0;
        while (i < a.length && j < b.length) {
            long x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            widest = Math.max(widest, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return widest;
    }
}
