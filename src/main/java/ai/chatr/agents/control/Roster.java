package ai.chatr.agents.control;

import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is in the room: the online agents, by name, and any one agent by id, each last seen as this
 * node knows it.
 */
@ApplicationScoped
public class Roster {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chatr.agents.max-listed", defaultValue = "200")
    int maxListed;

    /** How many agents a listing shows at most ({@code chatr.agents.max-listed}). */
    public int maxListed() {
        return maxListed;
    }

    @Inject
    Sightings sightings;

    public List<AgentView> online() {
        return em.createNamedQuery(Agent.ONLINE, Agent.class)
                .setParameter("online", true)
                .setMaxResults(maxListed)
                .getResultStream()
                .map(this::view)
                .toList();
    }

    public Optional<AgentView> find(String id) {
        return Optional.ofNullable(em.find(Agent.class, id)).map(this::view);
    }

    /** The agent as listed, last seen when this node last heard from it if that is not written yet. */
    private AgentView view(Agent agent) {
        Instant lastSeen = sightings.unwritten(agent.id())
                .filter(seen -> seen.isAfter(agent.lastSeen()))
                .orElse(agent.lastSeen());
        return AgentView.of(agent, lastSeen);
    }
}
