package ai.chatr.streams.control;

import ai.chatr.agents.control.Roster;
import ai.chatr.agents.entity.PresenceChanged;
import ai.chatr.channels.control.Directory;
import ai.chatr.cluster.control.Relay;
import ai.chatr.cluster.entity.Notice;
import ai.chatr.channels.entity.ChannelChanged;
import ai.chatr.messages.entity.Committed;
import ai.chatr.stats.control.RoomStats;
import ai.chatr.stats.control.Stats;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the streams that the room changed: who is online after agents came or went, the totals and
 * the channels' activity after new messages, the channel list after proposals and votes, on this node or (through the relay) on another. Changes are coalesced:
 * however many happen within {@code chatr.stream.coalesce} (300 ms), the database is asked once
 * and one event goes out, rendered once per channel, whatever the number of listeners.
 */
@ApplicationScoped
public class RoomChanges {

    private static final Logger LOG = Logger.getLogger(RoomChanges.class.getName());

    @Inject
    Hub hub;

    @Inject
    Roster roster;

    @Inject
    Stats stats;

    @Inject
    Relay relay;

    @Inject
    Jsonb json;

    @Inject
    Directory directory;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "chatr.stream.coalesce", defaultValue = "PT0.3S")
    Duration coalesce;

    private final AtomicBoolean presenceChanged = new AtomicBoolean();
    private final AtomicBoolean totalsChanged = new AtomicBoolean();
    private final AtomicBoolean channelsChanged = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    void onPresence(@Observes(during = TransactionPhase.AFTER_SUCCESS) PresenceChanged change) {
        markPresenceChanged();
        relay.publish(new Notice.PresenceChanged());
    }

    void onPresenceElsewhere(@Observes Notice.PresenceChanged change) {
        markPresenceChanged();
    }

    void onCommitted(@ObservesAsync Committed batch) {
        markTotalsChanged();
    }

    void onCommittedElsewhere(@Observes Notice.MessagesCommitted batch) {
        markTotalsChanged();
    }

    void onChannel(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged change) {
        channelChanged(change);
        if (relay.shared()) {
            relay.publish(new Notice.ChannelChanged(json.toJson(change)));
        }
    }

    void onChannelElsewhere(@Observes Notice.ChannelChanged change) {
        channelChanged(json.fromJson(change.change(), ChannelChanged.class));
    }

    /**
     * A channel was proposed, voted for, became active or was archived, here or on another node: a new
     * channel is announced to every stream at once, an archived one is forgotten by the directory, the
     * channel list follows with the next coalesced change.
     */
    void channelChanged(ChannelChanged change) {
        directory.changed(change);
        if (change.activated()) {
            hub.broadcast(new ChatEvent.ChannelActivated(change.channel()));
        }
        channelsChanged.set(true);
        schedule();
    }

    /** Agents came or went, here or on another node. */
    void markPresenceChanged() {
        presenceChanged.set(true);
        schedule();
    }

    /** A message was posted, here or on another node. */
    void markTotalsChanged() {
        totalsChanged.set(true);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(this::announce, coalesce.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
            }
        }
    }

    void announce() {
        scheduled.set(false);
        boolean presence = presenceChanged.getAndSet(false);
        boolean totals = totalsChanged.getAndSet(false);
        boolean channels = channelsChanged.getAndSet(false);
        if (hub.listeners() == 0 || !(presence || totals || channels)) {
            return;
        }
        try {
            RoomStats now = stats.current();
            hub.broadcast(presence ? new ChatEvent.Presence(roster.online(), now) : new ChatEvent.Totals(now));
            if (totals || channels) {
                hub.broadcast(new ChatEvent.Channels(directory.active(), directory.proposed()));
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not tell the streams about a change in the room", failed);
        }
    }
}
