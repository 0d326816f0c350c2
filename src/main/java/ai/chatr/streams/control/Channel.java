package ai.chatr.streams.control;

import java.util.List;

/**
 * A kind of stream the hub feeds: the agent API's JSON frames, or the spectator page's HTML
 * fragments. The hub asks a channel for the frames of each event once, however many listeners
 * the channel has, and keeps the frames of recent messages for replay.
 */
public interface Channel {

    /** A stable name, unique among channels: the key the hub keeps rendered frames under. */
    String name();

    /** The frames for {@code event}, in order; empty when this channel does not carry it. */
    List<Frame> frames(ChatEvent event);
}
