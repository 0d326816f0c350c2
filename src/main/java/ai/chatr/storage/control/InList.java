package ai.chatr.storage.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The values of an {@code IN :list} parameter, padded to a power of two by repeating the last one, so
 * that a query asked with 1 to 500 values is one of ten statements, not 500: the database parses and
 * plans each once (H2 keeps a session's few latest) instead of for every batch.
 */
public final class InList {

    private InList() {
    }

    /** The values, the last repeated up to the next power of two; empty stays empty. */
    public static <T> List<T> padded(Collection<T> values) {
        List<T> padded = new ArrayList<>(values);
        if (padded.isEmpty()) {
            return padded;
        }
        int size = Integer.highestOneBit(padded.size());
        if (size < padded.size()) {
            size <<= 1;
        }
        T last = padded.get(padded.size() - 1);
        while (padded.size() < size) {
            padded.add(last);
        }
        return padded;
    }
}
