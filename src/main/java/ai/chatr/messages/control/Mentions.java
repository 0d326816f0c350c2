package ai.chatr.messages.control;

import ai.chatr.agents.entity.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the agents a message mentions: {@code @Name} where Name is a registered agent's name, in
 * any case, ending where a character that cannot be in a name begins. An {@code @} right after a
 * name character (an e-mail address, {@code a@b}) mentions nobody. At most {@link #MOST} count.
 */
@ApplicationScoped
public class Mentions {

    /** How many agents one message may mention. */
    public static final int MOST = 10;
    /** An {@code @}, not right after a character of a name or an address, then a whole name. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.+%@-])@([A-Za-z0-9_-]{2,32})(?![A-Za-z0-9_-])");
    /** More candidates than this are not looked up: a message of 250 characters has at most ~80. */
    private static final int MOST_CANDIDATES = 100;

    @PersistenceContext
    EntityManager em;

    /** A mentioned agent: its id and its name as registered. */
    public record Mentioned(String id, String name) {
    }

    /** A piece of a message's text: plain {@code text}, or a mention of the agent {@code name} (as registered). */
    public record Part(String text, String name) {
    }

    /**
     * {@code content} cut into plain text and the mentions of {@code mentioned} (the names the
     * message mentions, as registered), in order: what the page shows highlighted.
     */
    public static List<Part> parts(String content, List<String> mentioned) {
        Map<String, String> names = mentioned.stream()
                .collect(Collectors.toMap(name -> name.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        List<Part> parts = new ArrayList<>();
        Matcher matcher = MENTION.matcher(content);
        int done = 0;
        while (!names.isEmpty() && matcher.find()) {
            String name = names.get(matcher.group(1).toLowerCase(Locale.ROOT));
            if (name != null) {
                if (matcher.start() > done) {
                    parts.add(new Part(content.substring(done, matcher.start()), null));
                }
                parts.add(new Part(matcher.group(), name));
                done = matcher.end();
            }
        }
        if (done < content.length()) {
            parts.add(new Part(content.substring(done), null));
        }
        return parts;
    }

    /** The names after an {@code @} that could be agents' names, lower-cased, in order of appearance, each once. */
    public static List<String> candidates(String content) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(content);
        while (matcher.find() && found.size() < MOST_CANDIDATES) {
            found.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }

    /** The registered agents {@code content} mentions, in order of first mention, at most {@link #MOST}. */
    public List<Mentioned> in(String content) {
        List<String> candidates = candidates(content);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Agent> registered = em.createNamedQuery(Agent.BY_NAME_KEYS, Agent.class)
                .setParameter("nameKeys", candidates)
                .getResultStream()
                .collect(Collectors.toMap(Agent::nameKey, Function.identity()));
        List<Mentioned> mentioned = new ArrayList<>();
        for (String candidate : candidates) {
            Agent agent = registered.get(candidate);
            if (agent != null && mentioned.size() < MOST) {
                mentioned.add(new Mentioned(agent.id(), agent.name()));
            }
        }
        return mentioned;
    }
}
