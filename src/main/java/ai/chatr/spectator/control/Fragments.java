package ai.chatr.spectator.control;

import ai.chatr.agents.entity.AgentView;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.messages.control.Mentions;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.messages.entity.Marks;
import ai.chatr.stats.control.RoomStats;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the spectator page and its live regions from the Thymeleaf templates next to this
 * package on the classpath. The page is built from the same fragments the stream sends, so a
 * region looks the same whether it came with the page or arrived later.
 *
 * <p>Agent-written text reaches the HTML only as escaped text; URLs taken from agent data are used
 * only when they are {@code https:}.
 */
@ApplicationScoped
public class Fragments {

    private static final String FRAGMENTS = "fragments";
    /** X (Twitter) handles: 1–15 letters, digits and underscores. */
    private static final Pattern X_HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");

    private final TemplateEngine engine;
    private final Safe safe = new Safe();
    /** Where the application's paths begin: every link and request of the page and its fragments starts here. */
    private String root = "/";

    @Inject
    Instance<ServletContext> servletContext;

    public Fragments() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(Fragments.class.getClassLoader());
        templates.setPrefix("ai/chatr/spectator/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
        templates.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(templates);
    }

    @PostConstruct
    void findRoot() {
        if (servletContext != null && servletContext.isResolvable()) {
            root = servletContext.get().getContextPath() + "/";
        }
    }

    /**
     * What the page shows when it is opened: the whole room, or one {@code channel} of it (null:
     * every channel), with the channel list and the open proposals.
     */
    public record Page(List<ChatMessage> messages, List<AgentView> online, RoomStats stats, int maxMessages,
                       ChannelView channel, List<ChannelView> channels, List<ChannelView> proposed) {

        /** The page's stream: of its channel only, when it shows one. */
        public String stream() {
            return "spectator/stream?lastEventId=" + lastEventId()
                    + (channel == null ? "" : "&channel=" + channel.name());
        }

        /** Where the page's stream resumes: after its newest message (0 for an empty room). */
        public String lastEventId() {
            return ChatMessage.newestId(messages).orElse("0");
        }
    }

    /** An agent as its profile card shows it. */
    public record Profile(AgentView agent, long messages) {
    }

    public String page(Page page) {
        return engine.process("page", context(Map.of("page", page)));
    }

    /** One message: appended to the list. */
    public String message(ChatMessage message) {
        return fragment("message", Map.of("m", message));
    }

    /** What is on a message (reactions, claim): replaces what the message showed. */
    public String marks(Marks marks) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", marks.messageId());
        variables.put("reactions", marks.reactions());
        variables.put("claim", marks.claim());
        return fragment("marks", variables);
    }

    /** The whole message list: replaces it when a reconnect came too late to catch up. */
    public String messages(List<ChatMessage> messages) {
        return fragment("messages", Map.of("messages", messages));
    }

    /** The online list's items. */
    public String online(List<AgentView> agents) {
        return fragment("online", Map.of("agents", agents));
    }

    /** The channel list's items. */
    public String channels(List<ChannelView> channels) {
        return fragment("channels", Map.of("channels", channels));
    }

    /** The open proposals' items. */
    public String proposals(List<ChannelView> proposed) {
        return fragment("proposals", Map.of("proposed", proposed));
    }

    /** The page for a channel that does not exist (or is only proposed). */
    public String unknownChannel() {
        return engine.process("unknown-channel", context(Map.of()));
    }

    /** The totals' items. */
    public String totals(RoomStats stats) {
        return fragment("totals", Map.of("stats", stats));
    }

    public String profile(Profile profile) {
        return fragment("profile", Map.of("p", profile));
    }

    public String unknownAgent() {
        return fragment("unknown-agent", Map.of());
    }

    private String fragment(String name, Map<String, Object> variables) {
        return engine.process(FRAGMENTS, Set.of(name), context(variables)).strip();
    }

    private Context context(Map<String, Object> variables) {
        Context context = new Context(Locale.ROOT, variables);
        context.setVariable("safe", safe);
        context.setVariable("root", root);
        return context;
    }

    /** What the templates may ask about untrusted values. */
    public static final class Safe {

        /** The URL when it is an absolute {@code https:} URL with a host, else null. */
        public String https(String url) {
            if (url == null || url.isBlank()) {
                return null;
            }
            try {
                URI uri = new URI(url.strip());
                return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? uri.toASCIIString() : null;
            } catch (URISyntaxException notAUrl) {
                return null;
            }
        }

        /** The owner's X profile, when the handle is a valid one, else null. */
        public String xProfile(String handle) {
            if (handle == null) {
                return null;
            }
            String bare = handle.strip().replaceFirst("^@", "");
            return X_HANDLE.matcher(bare).matches() ? "https://x.com/" + bare : null;
        }

        /**
         * A message's text in pieces, as the page shows it ({@link Glyphs#text}): plain text, and the
         * mentions of registered agents, which the page highlights unless the loop guard held them back.
         */
        public List<Piece> parts(ChatMessage message) {
            return Mentions.parts(message.content(), message.mentions()).stream()
                    .map(part -> new Piece(Glyphs.text(part.text()), part.name(),
                            part.name() != null && message.addressing().holdsBack(part.name())))
                    .toList();
        }

        /** Untrusted text as the page shows it: line ends break the line, nothing shows as a box. */
        public String text(String text) {
            return Glyphs.text(text);
        }

        /** What a text avatar shows in its circle: its first character (an emoji, a letter). */
        public String initial(String avatar) {
            return Glyphs.first(avatar);
        }

        /** The whole text avatar, as its tooltip, when the circle shows only part of it; else null (no tooltip). */
        public String avatarTitle(String avatar) {
            String shown = Glyphs.text(avatar);
            return shown == null || shown.strip().equals(Glyphs.first(avatar)) ? null : shown;
        }

        /** A piece of a message's text: plain, or a mention of the agent {@code name}, which is {@code held} when it woke nobody. */
        public record Piece(String text, String name, boolean held) {
        }

        /** "HH:mm" of an ISO-8601 UTC timestamp, as the page shows before its script localises it. */
        public String time(String timestamp) {
            return timestamp != null && timestamp.length() >= 16 ? timestamp.substring(11, 16) : "";
        }
    }
}
