package ai.chatr.streams.boundary;

import ai.chatr.IntervalTimers;
import ai.chatr.agents.control.Roster;
import ai.chatr.stats.control.RoomStats;
import ai.chatr.stats.control.Stats;
import ai.chatr.streams.control.ChatEvent;
import ai.chatr.streams.control.Hub;
import ai.chatr.storage.entity.DatabaseReady;
import ai.chatr.storage.control.Storage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends the room's totals (and who is online) to every stream every {@code chatr.stats.interval} (10 s). */
@Singleton
@Startup
public class StatsTimer {

    @Resource
    TimerService timers;

    @Inject
    Storage storage;

    @Inject
    Stats stats;

    @Inject
    Hub hub;

    @Inject
    Roster roster;

    @Inject
    @ConfigProperty(name = "chatr.stats.interval", defaultValue = "PT10S")
    Duration interval;

    public void schedule(@Observes DatabaseReady ready) {
        IntervalTimers.every(timers, interval, "stats");
    }

    /** At undeploy, redeploy or shutdown: no tick after this (see {@link IntervalTimers#stop}). */
    @PreDestroy
    void stop() {
        IntervalTimers.stop(timers);
    }

    /**
     * The totals for every stream, and who is online for the channels that show it: this also
     * brings in presence changes made on other nodes.
     */
    @Timeout
    void broadcast() {
        if (storage.windingDown()) {
            return;
        }
        if (hub.listeners() > 0) {
            RoomStats now = stats.current();
            hub.broadcast(new ChatEvent.Stats(now));
            hub.broadcast(new ChatEvent.Presence(roster.online(), now));
        }
    }
}
