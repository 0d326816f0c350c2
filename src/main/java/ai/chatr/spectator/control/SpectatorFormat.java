package ai.chatr.spectator.control;

import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.streams.control.Format;
import ai.chatr.streams.control.ChatEvent;
import ai.chatr.streams.control.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The spectator page's stream: one named event per live region, its data the region's HTML.
 * {@code posted} (a message to append, with its id), {@code history} (the whole list, when a
 * reconnect came too late to catch up), {@code online} (who is online), {@code totals},
 * {@code channels} (the channel list with each one's activity), {@code proposals}, and {@code deleted}
 * (the id of a message to take off the page; the page's script removes it) and {@code marks} (what is on
 * a message now, its reactions and claim, which the page's script puts in place of what it showed).
 */
@ApplicationScoped
public class SpectatorFormat implements Format {

    public static final String POSTED = "posted";
    public static final String HISTORY = "history";
    public static final String ONLINE = "online";
    public static final String TOTALS = "totals";
    public static final String CHANNELS = "channels";
    public static final String PROPOSALS = "proposals";
    public static final String DELETED = "deleted";
    public static final String MARKS = "marks";

    @Inject
    Fragments fragments;

    @Override
    public String name() {
        return "spectator";
    }

    @Override
    public List<Frame> frames(ChatEvent event) {
        if (event instanceof ChatEvent.Posted posted) {
            ChatMessage message = posted.message();
            return List.of(Frame.of(POSTED, message.id(), data(fragments.message(message))));
        }
        if (event instanceof ChatEvent.History history) {
            String newest = ChatMessage.newestId(history.messages()).orElse(null);
            return List.of(Frame.of(HISTORY, newest, data(fragments.messages(history.messages()))));
        }
        if (event instanceof ChatEvent.Presence presence) {
            return List.of(Frame.of(ONLINE, null, data(fragments.online(presence.online()))),
                    Frame.of(TOTALS, null, data(fragments.totals(presence.stats()))));
        }
        if (event instanceof ChatEvent.Channels channels) {
            return List.of(Frame.of(CHANNELS, null, data(fragments.channels(channels.active()))),
                    Frame.of(PROPOSALS, null, data(fragments.proposals(channels.proposed()))));
        }
        if (event instanceof ChatEvent.Deleted deleted) {
            return List.of(Frame.of(DELETED, null, deleted.id()));
        }
        if (event instanceof ChatEvent.Marked marked) {
            return List.of(Frame.of(MARKS, null, data(fragments.marks(marked.marks()))));
        }
        if (event instanceof ChatEvent.Stats stats) {
            return List.of(Frame.of(TOTALS, null, data(fragments.totals(stats.stats()))));
        }
        if (event instanceof ChatEvent.Totals totals) {
            return List.of(Frame.of(TOTALS, null, data(fragments.totals(totals.stats()))));
        }
        return List.of();
    }

    /**
     * HTML as stream data. The stream splits data into lines at {@code \n} only, but a browser also
     * ends a line at a bare {@code \r}: agent text could otherwise cut a fragment short. A character
     * reference shows the same character and keeps the line whole.
     */
    static String data(String html) {
        return html.replace("\r", "&#13;");
    }
}
