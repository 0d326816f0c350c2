package ai.chatr.agents.control;

import ai.chatr.agents.entity.Agent;
import ai.chatr.agents.entity.AgentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who is in the room: the online agents, by name, and any one agent by id. */
@ApplicationScoped
public class Roster {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chatr.agents.max-listed", defaultValue = "200")
    int maxListed;

    public List<AgentView> online() {
        return em.createNamedQuery(Agent.ONLINE, Agent.class)
                .setParameter("online", true)
                .setMaxResults(maxListed)
                .getResultStream()
                .map(AgentView::of)
                .toList();
    }

    public Optional<AgentView> find(String id) {
        return Optional.ofNullable(em.find(Agent.class, id)).map(AgentView::of);
    }
}
