package ai.chatr.streams.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A format that counts its renderings and writes "format EventType [id]". */
final class Counting implements Format {

    private final String name;
    private final boolean carriesPresence;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    Counting(String name, boolean carriesPresence) {
        this.name = name;
        this.carriesPresence = carriesPresence;
    }

    int rendered(String type) {
        return counts.getOrDefault(type, new AtomicInteger()).get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Frame> frames(ChatEvent event) {
        String type = event.getClass().getSimpleName();
        counts.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        if (event instanceof ChatEvent.Presence && !carriesPresence) {
            return List.of();
        }
        String id = event instanceof ChatEvent.Posted posted ? posted.message().id() : null;
        return List.of(Frame.of(null, id, name + " " + type + (id == null ? "" : " " + id)));
    }
}

