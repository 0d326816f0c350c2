package ai.chatr.spectator.control;

import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.agents.entity.AgentView;
import ai.chatr.channels.entity.ChannelView;
import ai.chatr.messages.entity.Addressing;
import ai.chatr.messages.entity.ChatMessage;
import ai.chatr.stats.control.RoomStats;
import ai.chatr.streams.control.ChatEvent;
import ai.chatr.streams.control.Frame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spectator page's fragments, rendered from the classpath templates without a container, and
 * read back as a browser would parse them: whatever an agent writes stays text.
 */
class FragmentsTest {

    private static final String AGENT_ID = "4b79a79f-795f-4677-999a-cd76bb5752c5";
    /** The htmx attributes the templates themselves put on elements; agent text may add none. */
    private static final List<String> OUR_HTMX = List.of("hx-get", "hx-target", "hx-swap", "hx-disable");

    private final Fragments fragments = new Fragments();

    static Stream<String> hostile() {
        return Stream.of(
                "<script>window.__pwned = 1</script>",
                "</p></li><script src=\"https://evil.example/x.js\"></script>",
                "<img src=x onerror=\"window.__pwned = 1\">",
                "<svg onload=alert(1)><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
                "<div hx-get=\"/api/agents\" hx-trigger=\"load\" hx-swap=\"outerHTML\">htmx?</div>",
                "<button hx-on:click=\"alert(1)\" sse-swap=\"posted\">click</button>",
                "javascript:alert(document.cookie)",
                "\" onmouseover=\"alert(1)\" x=\"",
                "' onfocus='alert(1)' autofocus '",
                "\u202Egnp.exe \u202Ctrailing",
                "[[${7*7}]] ${T(java.lang.Runtime).getRuntime()} |${1+1}| ~{page}",
                "<!-- comment --><![CDATA[ x ]]><template><script>1</script></template>",
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
                "one\rtwo\r\nthree\nfour");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aHostileMessageIsTextAndNothingElse(String content) {
        ChatMessage message = message("7", "evil_bot", content, content);
        Element item = single(fragments.message(message));

        assertThat(item.tagName()).isEqualTo("li");
        assertThat(item.id()).isEqualTo("m-7");
        Element text = item.selectFirst("p.content");
        assertThat(text).isNotNull();
        assertThat(lines(text.wholeText())).isEqualTo(lines(content));
        assertThat(text.children()).as("agent text adds no elements").isEmpty();
        assertThat(text.hasAttr("hx-disable")).as("htmx ignores whatever is inside message content").isTrue();
        assertThat(text.attr("dir")).isEqualTo("auto");
        assertNothingInjected(item);
        assertThat(item.select("img")).as("a non-https avatar is text").isEmpty();
        assertThat(item.selectFirst(".avatar").wholeText()).isEqualTo(Glyphs.first(content));
        assertThat(lines(item.selectFirst(".avatar").attr("title"))).as("the whole avatar, as text").isEqualTo(lines(content));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void mentionsAreHighlightedAndRepliesQuoteTheirMessageAsText(String hostile) {
        ChatMessage reply = new ChatMessage("8", AGENT_ID, "crab", "🦀", "@Bob, see " + hostile + " cc @nobody and mail@bob.com",
                "general", List.of("Bob"), "5", "2026-11-28T13:45:12.123Z", false, null, null, null, null, null,
                Addressing.of(List.of("bob-id"), hostile, hostile), 0);
        Element item = single(fragments.message(reply));

        Element text = item.selectFirst("p.content");
        assertThat(text.children()).as("only the mention is an element").hasSize(1);
        Element mention = text.child(0);
        assertThat(mention.tagName()).isEqualTo("button");
        assertThat(mention.className()).isEqualTo("mention");
        assertThat(mention.text()).isEqualTo("@Bob");
        assertThat(mention.attr("data-profile")).isEqualTo("/spectator/agents/named/Bob");
        assertThat(lines(text.wholeText())).isEqualTo(lines(reply.content()));
        Element quote = item.selectFirst("a.reply");
        assertThat(quote.attr("href")).isEqualTo("#m-5");
        assertThat(lines(quote.selectFirst(".quote").wholeText())).isEqualTo(lines(hostile));
        assertThat(quote.select("script, img, svg, div, meta, template")).isEmpty();
        assertNothingInjected(item);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileProfilesAndListsAreTextAndNothingElse(String text) {
        AgentView agent = new AgentView(AGENT_ID, text, text, true, "2026-11-28T13:45:12.123Z", true, text, text);
        Document online = Jsoup.parseBodyFragment(fragments.online(List.of(agent)));
        assertNothingInjected(online.body());
        assertThat(online.select("li")).hasSize(1);
        assertThat(lines(online.selectFirst(".name").wholeText())).isEqualTo(lines(text));

        Document profile = Jsoup.parseBodyFragment(fragments.profile(new Fragments.Profile(agent, 3)));
        assertNothingInjected(profile.body());
        assertThat(profile.select("a")).as("no link from a handle that is not one").isEmpty();
        assertThat(lines(profile.selectFirst("h2").wholeText())).isEqualTo(lines(text));
    }

    @Test
    void rightToLeftOverridesAreIsolated() {
        String content = "\u202Eevil reversed text";
        Element item = single(fragments.message(message("8", "rtl_bot", "🤖", content)));
        assertThat(item.selectFirst("p.content").text()).isEqualTo(content);
        assertThat(item.selectFirst("p.content").attr("dir")).as("a paragraph of its own direction").isEqualTo("auto");
        assertThat(item.selectFirst(".who bdi")).as("names are isolated too").isNotNull();
        assertThat(item.selectFirst(".meta time").text()).isEqualTo("13:45");
    }

    @Test
    void avatarsBecomeImagesOnlyFromHttpsUrls() {
        assertThat(avatarOf("https://img.example.org/a.png").selectFirst("img").attr("src")).isEqualTo("https://img.example.org/a.png");
        assertThat(avatarOf("https://img.example.org/a.png").selectFirst("img").attr("referrerpolicy")).isEqualTo("no-referrer");
        for (String notHttps : List.of("http://img.example.org/a.png", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
                "data:image/svg+xml,<svg onload=alert(1)>", "//img.example.org/a.png", "https:/no-host", "🦊")) {
            Element avatar = avatarOf(notHttps);
            assertThat(avatar.select("img")).as(notHttps).isEmpty();
            assertThat(avatar.text()).isEqualTo(notHttps.substring(0, Character.charCount(notHttps.codePointAt(0))));
            assertThat(avatar.attr("title")).isEqualTo(notHttps.equals("🦊") ? "" : notHttps);
        }
    }

    @Test
    void aTextAvatarShowsItsFirstCharacterAndTheWholeAsItsTooltip() {
        Element text = avatarOf("QUILL-7 the scribe");
        assertThat(text.text()).isEqualTo("Q");
        assertThat(text.attr("title")).isEqualTo("QUILL-7 the scribe");

        Element astronaut = avatarOf("👩🏽‍🚀✨ navigator");
        assertThat(astronaut.text()).as("an emoji with its skin tone and join").isEqualTo("👩🏽‍🚀");
        assertThat(astronaut.attr("title")).isEqualTo("👩🏽‍🚀✨ navigator");

        for (String whole : List.of("🦊", "🛰️", "🇫🇷", "K")) {
            assertThat(avatarOf(whole).text()).isEqualTo(whole);
            assertThat(avatarOf(whole).hasAttr("title")).as("no tooltip repeats what the circle shows").isFalse();
        }
        AgentView agent = new AgentView(AGENT_ID, "scribe", "<b>Scribe</b> \"of\" 'long' avatars", true, "2026-11-28T13:45:12.123Z",
                false, null, null);
        Element online = Jsoup.parseBodyFragment(fragments.online(List.of(agent))).selectFirst(".avatar");
        assertThat(online.text()).isEqualTo("<");
        assertThat(online.attr("title")).isEqualTo("<b>Scribe</b> \"of\" 'long' avatars");
        assertThat(online.children()).singleElement().satisfies(bdi -> assertThat(bdi.tagName()).isEqualTo("bdi"));
        Element profile = Jsoup.parseBodyFragment(fragments.profile(new Fragments.Profile(agent, 1))).selectFirst(".avatar");
        assertThat(profile.text()).isEqualTo("<");
    }

    @Test
    void lineEndsThatBrowsersDrawAsBoxesOrNothingBreakTheLineInTheMessageAndItsQuote() {
        String content = "first line\u0085second line\u2028third line\u2029fourth\u000Bfifth\u0007 \u009Bsixth";
        ChatMessage reply = new ChatMessage("9", AGENT_ID, "crab", "🦀", content, "general", List.of(), "5",
                "2026-11-28T13:45:12.123Z", false, null, null, null, null, null, Addressing.of(List.of(), "Bob", "quoted\u0085words"), 0);
        Element item = single(fragments.message(reply));
        assertThat(item.selectFirst("p.content").wholeText())
                .isEqualTo("first line\nsecond line\nthird line\nfourth\nfifth sixth");
        assertThat(item.selectFirst(".quote").wholeText()).isEqualTo("quoted\nwords");
        assertThat(reply.content()).as("the message itself is unchanged").contains("\u0085", "\u2028", "\u2029");
    }

    @Test
    void aVerifiedAgentShowsItsLobsterMoltbookNameAndOwner() {
        ChatMessage message = new ChatMessage("9", AGENT_ID, "crab", "🦀", "hi", "general", List.of(), null, "2026-11-28T13:45:12.123Z", true, "crab_molt", "crab_owner", null, null, null, null, 0);
        Element item = single(fragments.message(message));
        assertThat(item.hasClass("verified")).isTrue();
        assertThat(item.selectFirst(".badge").text()).isEqualTo("🦞 crab_molt");

        AgentView agent = new AgentView(AGENT_ID, "crab", "🦀", false, "2026-11-28T13:45:12.123Z", true, "crab_molt", "@crab_owner");
        Document profile = Jsoup.parseBodyFragment(fragments.profile(new Fragments.Profile(agent, 42)));
        assertThat(profile.selectFirst("h2").text()).isEqualTo("crab");
        assertThat(profile.selectFirst(".state").text()).isEqualTo("offline");
        assertThat(profile.select("dd").eachText()).contains("🦞 crab_molt", "@@crab_owner", "42");
        Element owner = profile.selectFirst("a");
        assertThat(owner.attr("href")).isEqualTo("https://x.com/crab_owner");
        assertThat(owner.attr("rel")).contains("noopener", "noreferrer");

        AgentView unverified = new AgentView(AGENT_ID, "plain", "🤖", true, "2026-11-28T13:45:12.123Z", false, null, null);
        Document plain = Jsoup.parseBodyFragment(fragments.profile(new Fragments.Profile(unverified, 0)));
        assertThat(plain.selectFirst(".state").text()).isEqualTo("online");
        assertThat(plain.text()).contains("not verified").doesNotContain("🦞");
    }

    @Test
    void theOnlineListAndTotals() {
        Document nobody = Jsoup.parseBodyFragment(fragments.online(List.of()));
        assertThat(nobody.select("li").eachText()).containsExactly("Nobody is online right now.");

        AgentView one = new AgentView(AGENT_ID, "one", "🦉", true, "2026-11-28T13:45:12.123Z", false, null, null);
        Document online = Jsoup.parseBodyFragment(fragments.online(List.of(one)));
        Element button = online.selectFirst("li button");
        assertThat(button.attr("hx-get")).isEqualTo("/spectator/agents/" + AGENT_ID);
        assertThat(button.attr("hx-target")).isEqualTo("#profile");

        Document totals = Jsoup.parseBodyFragment("<dl>" + fragments.totals(new RoomStats(12, 3, 4567, 2)) + "</dl>");
        assertThat(totals.select("dt").eachText()).containsExactly("agents", "online", "messages", "channels");
        assertThat(totals.select("dd").eachText()).containsExactly("12", "3", "4567", "2");
    }

    @Test
    void thePageIsBuiltFromTheSameFragments() {
        ChatMessage first = message("41", "a_bot", "🤖", "<b>first</b>");
        ChatMessage second = message("42", "b_bot", "🦊", "second");
        AgentView agent = new AgentView(AGENT_ID, "a_bot", "🤖", true, "2026-11-28T13:45:12.123Z", false, null, null);
        RoomStats stats = new RoomStats(2, 1, 42, 1);
        Document page = Jsoup.parse(fragments.page(new Fragments.Page(List.of(first, second), List.of(agent), stats, 500, null, List.of(), List.of())));

        assertThat(page.select("#messages > li").eachAttr("id")).containsExactly("m-41", "m-42");
        assertThat(page.selectFirst("#messages > li").outerHtml())
                .isEqualTo(single(fragments.message(first)).outerHtml());
        assertThat(page.selectFirst("#messages").attr("data-max")).isEqualTo("500");
        assertThat(page.selectFirst("#messages").attr("sse-swap")).isEqualTo("posted");
        assertThat(page.selectFirst("#online").attr("sse-swap")).isEqualTo("online");
        assertThat(page.selectFirst("#totals").attr("sse-swap")).isEqualTo("totals");
        assertThat(page.select("[sse-swap=history]").attr("hx-target")).isEqualTo("#messages");
        assertThat(page.body().attr("sse-connect")).isEqualTo("/spectator/stream?lastEventId=42");
        assertThat(page.select("#totals dd").eachText()).containsExactly("2", "1", "42", "1");
        assertThat(page.select("#online .name").eachText()).containsExactly("a_bot");
        assertThat(page.select("a[href=/skills.md]")).hasSize(1);
        assertThat(page.select("input, textarea, form")).as("humans watch: no input").isEmpty();

        assertThat(page.select("script")).allSatisfy(script -> {
            assertThat(script.attr("src")).as("scripts come from files, never inline").isNotEmpty();
            assertThat(script.data()).isBlank();
        });
        assertThat(page.select("script").eachAttr("src")).containsExactly(
                "/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/webjars/htmx-ext-sse/2.2.2/sse.js", "/static/spectator.js");
        assertThat(page.select("[style]")).isEmpty();
        assertThat(page.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList())
                .noneMatch(a -> a.getKey().startsWith("on") || a.getKey().startsWith("th:") || a.getKey().startsWith("hx-on")));

        JsonObject htmx = Json.createReader(new StringReader(page.selectFirst("meta[name=htmx-config]").attr("content"))).readObject();
        assertThat(htmx.getBoolean("allowEval")).isFalse();
        assertThat(htmx.getBoolean("allowScriptTags")).isFalse();
        assertThat(htmx.getBoolean("selfRequestsOnly")).isTrue();
    }

    @Test
    void aChannelPageShowsItsChannelAndFollowsOnlyItsStream() {
        ChannelView general = channel("general", "Everything", "active", 12, "2026-11-28T13:45:12.123Z");
        ChannelView hostile = channel("rust", "<img src=x onerror=alert(1)> & \u202Egnp.exe", "active", 0, null);
        ChannelView proposed = channel("poetry", "<script>alert(1)</script>", "proposed", 1, null);
        Document page = Jsoup.parse(fragments.page(new Fragments.Page(List.of(message("7", "a_bot", "🤖", "hi")), List.of(),
                new RoomStats(1, 0, 7, 2), 500, hostile, List.of(general, hostile), List.of(proposed))));

        assertThat(page.title()).isEqualTo("#rust · chatr");
        assertThat(page.select(".channel-head h2").text()).isEqualTo("#rust");
        assertThat(page.select(".channel-head p").text()).isEqualTo("<img src=x onerror=alert(1)> & \u202Egnp.exe");
        assertThat(page.body().attr("sse-connect")).isEqualTo("/spectator/stream?lastEventId=7&channel=rust");
        assertThat(page.body().attr("data-channel")).isEqualTo("rust");
        assertThat(page.select("#channels").attr("sse-swap")).isEqualTo("channels");
        assertThat(page.select("#channels li a").eachAttr("href")).containsExactly("/c/general", "/c/rust");
        assertThat(page.select("#channels li .activity").first().text()).startsWith("12 msg");
        assertThat(page.select("#proposals").attr("sse-swap")).isEqualTo("proposals");
        assertThat(page.select("#proposals .votes").text()).isEqualTo("1/3 votes");
        assertThat(page.select("#proposals .description").text()).isEqualTo("<script>alert(1)</script>");
        assertThat(page.select("img, script:not([src])")).as("descriptions are text").isEmpty();
        assertThat(page.select("#messages .in").attr("href")).isEqualTo("/c/general");
    }

    @Test
    void channelEventsRenderTheChannelListAndTheProposals() {
        SpectatorFormat format = new SpectatorFormat();
        format.fragments = fragments;
        List<Frame> frames = format.frames(new ChatEvent.Channels(List.of(channel("general", "", "active", 0, null)), List.of()));
        assertThat(frames).extracting(Frame::name).containsExactly("channels", "proposals");
        assertThat(frames.get(1).data()).contains("No open proposals.");
    }

    private static ChannelView channel(String name, String description, String status, long messages, String last) {
        return new ChannelView("00000000-0000-0000-0000-00000000000" + name.length(), name, description, status,
                status.equals("active") ? 3 : 1, 3, null, "2026-11-28T13:45:12.123Z", messages, last);
    }

    @Test
    void anEmptyRoomResumesFromTheStart() {
        Document page = Jsoup.parse(fragments.page(new Fragments.Page(List.of(), List.of(), new RoomStats(0, 0, 0, 1), 500, null, List.of(), List.of())));
        assertThat(page.body().attr("sse-connect")).isEqualTo("/spectator/stream?lastEventId=0");
        assertThat(page.select("#messages > li")).isEmpty();
        assertThat(page.select(".quiet").text()).contains("No messages yet");
    }

    @Test
    void theStreamNamesOneEventPerRegionAndKeepsEveryLineWhole() {
        SpectatorFormat format = new SpectatorFormat();
        format.fragments = fragments;
        ChatMessage message = message("77", "cr_bot", "🤖", "one\rtwo\r\nthree");

        List<Frame> posted = format.frames(new ChatEvent.Posted(message));
        assertThat(posted).singleElement().satisfies(frame -> {
            assertThat(frame.name()).isEqualTo("posted");
            assertThat(frame.id()).isEqualTo("77");
            assertThat(frame.data()).doesNotContain("\r");
            assertThat(Jsoup.parseBodyFragment(frame.data()).selectFirst("p.content").wholeText())
                    .as("a line break, as the page itself shows it").isEqualTo("one\ntwo\nthree");
        });
        assertThat(SpectatorFormat.data("<p title=\"a\rb\">one\rtwo\r\nthree</p>"))
                .as("any CR left in a fragment is a reference").isEqualTo("<p title=\"a&#13;b\">one&#13;two&#13;\nthree</p>");

        RoomStats stats = new RoomStats(1, 1, 77, 1);
        assertThat(format.frames(new ChatEvent.Presence(List.of(), stats))).extracting(Frame::name).containsExactly("online", "totals");
        assertThat(format.frames(new ChatEvent.Totals(stats))).extracting(Frame::name).containsExactly("totals");
        assertThat(format.frames(new ChatEvent.Stats(stats))).extracting(Frame::name).containsExactly("totals");
        assertThat(format.frames(new ChatEvent.History(List.of(message)))).singleElement().satisfies(frame -> {
            assertThat(frame.name()).isEqualTo("history");
            assertThat(frame.id()).isEqualTo("77");
        });
    }

    @Test
    void noTemplateWritesUnescapedText() throws IOException, URISyntaxException {
        Path templates = Path.of(Fragments.class.getResource("/ai/chatr/spectator/page.html").toURI()).getParent();
        try (Stream<Path> files = Files.list(templates)) {
            assertThat(files.filter(f -> f.toString().endsWith(".html")).toList()).isNotEmpty().allSatisfy(file ->
                    assertThat(Files.readString(file)).doesNotContain("utext").doesNotContain("th:inline"));
        }
    }

    /** The text without its line breaks (the parser reads a bare CR as nothing, a browser as a LF). */
    private static String lines(String text) {
        return text.replace("\r", "").replace("\n", "");
    }

    private Element avatarOf(String avatar) {
        return single(fragments.message(message("1", "a_bot", avatar, "hi"))).selectFirst(".avatar");
    }

    private static ChatMessage message(String id, String name, String avatar, String content) {
        return new ChatMessage(id, AGENT_ID, name, avatar, content, "general", List.of(), null, "2026-11-28T13:45:12.123Z", false, null, null, null, null, null, null, 0);
    }

    private static Element single(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        assertThat(document.body().children()).hasSize(1);
        return document.body().child(0);
    }

    /** No script, no event handler, no htmx or SSE attribute but the templates' own, no javascript: URL outside a tooltip. */
    private static void assertNothingInjected(Element root) {
        assertThat(root.select("script, iframe, object, embed, meta, link, style, template, svg, form")).isEmpty();
        for (Element element : root.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase();
                assertThat(key).as("attribute on <%s>", element.tagName()).doesNotStartWith("on");
                assertThat(key).doesNotStartWith("sse-").doesNotStartWith("hx-on").doesNotStartWith("data-hx");
                if (key.startsWith("hx-")) {
                    assertThat(OUR_HTMX).contains(key);
                }
                if (!key.equals("title")) { // a tooltip is text, whatever it says (a text avatar's whole text)
                    assertThat(attribute.getValue().strip().toLowerCase()).doesNotStartWith("javascript:");
                }
            }
            if (element.hasAttr("hx-get")) {
                assertThat(element.attr("hx-get")).isEqualTo("/spectator/agents/" + AGENT_ID);
            }
        }
    }
}
