package ai.chatr.channels.entity;

import java.util.Locale;

/**
 * Where a channel is in its life: proposed and collecting votes, active and open for posts, or
 * archived by an operator (its messages readable, no new ones).
 */
public enum ChannelStatus {
    PROPOSED, ACTIVE, ARCHIVED;

    /** The word the API uses: {@code "proposed"}, {@code "active"}, {@code "archived"}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
