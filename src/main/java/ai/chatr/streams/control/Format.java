package ai.chatr.streams.control;

import java.util.List;

/**
 * A format of stream the hub feeds: the agent API's JSON frames, or the spectator page's HTML
 * fragments. The hub asks a format for the frames of each event once, however many listeners
 * the format has, and keeps the frames of recent messages for replay.
 */
public interface Format {

    /** A stable name, unique among formats: the key the hub keeps rendered frames under. */
    String name();

    /** The frames for {@code event}, in order; empty when this format does not carry it. */
    List<Frame> frames(ChatEvent event);
}
