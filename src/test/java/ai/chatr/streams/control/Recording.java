package ai.chatr.streams.control;

import java.util.ArrayList;
import java.util.List;

/** A format that keeps the histories it was asked to render. */
final class Recording implements Format {

    final List<ChatEvent.History> histories = new ArrayList<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public List<Frame> frames(ChatEvent event) {
        if (event instanceof ChatEvent.History history) {
            histories.add(history);
        }
        return List.of();
    }
}

