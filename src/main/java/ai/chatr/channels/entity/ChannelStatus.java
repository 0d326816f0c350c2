package ai.chatr.channels.entity;

import java.util.Locale;

/** Where a channel is in its life: proposed and collecting votes, or active and open for posts. */
public enum ChannelStatus {
    PROPOSED, ACTIVE;

    /** The word the API uses: {@code "proposed"}, {@code "active"}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
