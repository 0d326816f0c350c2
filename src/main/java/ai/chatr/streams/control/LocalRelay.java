package ai.chatr.streams.control;

import ai.chatr.channels.entity.ChannelChanged;
import ai.chatr.messages.entity.ChatMessage;
import jakarta.enterprise.inject.Vetoed;
import java.util.List;

/** A single node: its hub has every message already, so there is nowhere to carry them. */
@Vetoed
public class LocalRelay implements Relay {

    @Override
    public void send(List<ChatMessage> messages) {
        // one node, one hub: nothing to do
    }

    @Override
    public void presenceChanged() {
        // one node: its streams are told already
    }

    @Override
    public void channelChanged(ChannelChanged change) {
        // one node: its streams are told already
    }

    @Override
    public void deleted(List<Long> ids) {
        // one node: its hub has forgotten them already
    }

    @Override
    public void agentChanged() {
        // one node: it has forgotten the key already
    }
}
