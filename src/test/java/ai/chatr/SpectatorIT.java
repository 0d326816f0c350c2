package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Browser;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.FakeMoltbook;
import ai.chatr.support.HookReceiver;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The spectator page in a real browser (headless Chromium): it shows the room, stays live without
 * reloading or polling, shows hostile text as text, catches up after a dropped connection without
 * duplicates or gaps, and keeps its message list bounded. Presence expires after a few seconds here
 * so that agents can be seen leaving; a message an operator deletes leaves the page. The last test
 * takes the README's screenshot.
 */
@ExtendWith(SharedChatr.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpectatorIT {

    private static final int MAX_MESSAGES = 30;
    private static final Path SCREENSHOT = Path.of("src/doc/spectator.png");
    private static final Path PHONE_SCREENSHOT = Path.of("src/doc/spectator-phone-dark.png");
    private static Browser browser;
    /** ReputationIT joins this server and verifies its agents here too: closed when the run ends, not after this class. */
    static final FakeMoltbook MOLTBOOK = FakeMoltbook.start();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(MOLTBOOK::close));
    }

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.lifted(Map.of(
                "chatr.presence.timeout", "PT6S",
                "chatr.admin.token-hash", Admin.TOKEN_HASH,
                "chatr.moltbook.api-url", MOLTBOOK.apiUrl(),
                "chatr.spectator.max-messages", Integer.toString(MAX_MESSAGES),
                "chatr.loop.max-exchanges", Integer.toString(SafetyIT.MAX_EXCHANGES), // SafetyIT's loops, short
                "chatr.loop.window", SafetyIT.WINDOW,
                "chatr.hooks.allowed-hosts", HookReceiver.ALLOWED,
                "chatr.hooks.poll", "PT0.2S"));
    }

    @SharedChatr.Served
    Api api;

    @BeforeEach
    void open() {
        if (browser == null) {
            browser = Browser.open(1280, 820);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    @Order(1)
    void thePageAnswersWithItsSecurityHeadersAndItsFilesComeFromTheWar() {
        Reply page = api.get("/", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
        for (String file : List.of("/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/webjars/htmx-ext-sse/2.2.2/sse.js",
                "/static/spectator.js", "/static/spectator.css")) {
            Reply served = api.get(file);
            assertThat(served.status()).as(file).isEqualTo(200);
            assertThat(served.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(served.header("Content-Type")).as("a type the browser accepts under nosniff")
                    .hasValueSatisfying(type -> assertThat(type).containsAnyOf("javascript", "text/css"));
        }
        for (String notAFile : List.of("/static", "/static/", "/static/missing.css", "/webjars/htmx.org",
                "/webjars/htmx.org/2.0.10/dist/", "/static/%2e%2e/WEB-INF/web.xml")) {
            Reply refused = api.get(notAFile);
            assertThat(refused.status()).as(notAFile).isEqualTo(404);
            assertThat(refused.json().getString("code")).as(notAFile).isEqualTo("not_found");
        }
        assertThat(api.get("/health").text()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    @Order(2)
    void theRoomChangesBeforeTheReadersEyesWithoutAReload() {
        load();
        String marker = browser.script("return window.__sameDocument = 'yes';");
        long agentsBefore = total(0);

        Agent agent = api.register(Api.uniqueName("watched"));
        await().atMost(EventStream.patience()).until(() -> onlineNames().contains(agent.name()));
        await().atMost(EventStream.patience()).until(() -> total(0) == agentsBefore + 1);
        await().atMost(EventStream.patience()).until(() -> total(1) == onlineNames().size());

        Reply said = api.say(agent, "Hello, humans 👋");
        String id = said.json().getJsonObject("message").getString("id");
        await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + id));
        WebElement shown = browser.driver().findElement(By.id("m-" + id));
        assertThat(shown.findElement(By.cssSelector(".content")).getText()).isEqualTo("Hello, humans 👋");
        assertThat(shown.findElement(By.cssSelector(".who")).getText()).isEqualTo(agent.name());
        await().atMost(EventStream.patience()).until(() -> total(2) == Long.parseLong(id));

        api.post("/api/disconnect", null, "Authorization", "Bearer " + agent.key());
        await().atMost(EventStream.patience()).until(() -> !onlineNames().contains(agent.name()));

        Agent quiet = api.register(Api.uniqueName("quiet"));
        await().atMost(EventStream.patience()).until(() -> onlineNames().contains(quiet.name()));
        await("presence expiry reaches the page").atMost(EventStream.patience())
                .until(() -> !onlineNames().contains(quiet.name()));
        api.post("/api/heartbeat", null, "Authorization", "Bearer " + quiet.key());
        await("any authenticated call brings an agent back").atMost(EventStream.patience())
                .until(() -> onlineNames().contains(quiet.name()));

        assertThat((String) browser.script("return window.__sameDocument;")).as("never reloaded").isEqualTo(marker);
        assertThat((Long) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.initiatorType === 'xmlhttprequest' || e.initiatorType === 'fetch').length;"))
                .as("no polling").isZero();
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("SEVERE"));
    }

    @Test
    @Order(3)
    void hostileMessagesShowAsTextAndRunNothing() {
        load();
        Agent agent = api.register(Api.uniqueName("hostile"));
        List<String> nasty = List.of(
                "<script>window.__pwned = 1; alert('script')</script>",
                "<img src=x onerror=\"window.__pwned = 2; alert('img')\">",
                "<div hx-get=\"/api/agents\" hx-trigger=\"load\" hx-swap=\"outerHTML\">htmx attributes</div>",
                "<button hx-on:htmx:load=\"window.__pwned = 3\">hx-on</button>",
                "\u202Eevil reversed text",
                "<svg><script>window.__pwned = 5</script></svg>");
        List<String> ids = new ArrayList<>();
        for (String content : nasty) {
            ids.add("m-" + api.say(agent, content).json().getJsonObject("message").getString("id"));
        }
        await().atMost(EventStream.patience()).until(() -> messageIds().containsAll(ids));
        for (int i = 0; i < nasty.size(); i++) {
            WebElement content = browser.driver().findElement(By.cssSelector("#" + ids.get(i) + " .content"));
            assertThat(content.getDomProperty("textContent")).isEqualTo(nasty.get(i));
            assertThat(content.findElements(By.xpath("./*"))).as("no element came from agent text").isEmpty();
        }
        assertThat((Object) browser.script("return window.__pwned;")).isNull();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.driver().findElements(By.cssSelector("#messages script, #messages img[src='x'], #messages [hx-trigger]"))).isEmpty();
        assertThat(browser.console()).noneMatch(line -> line.contains("/api/agents"));
    }

    @Test
    @Order(4)
    void aDroppedConnectionCatchesUpWithoutDuplicatesOrGaps() {
        load();
        Agent agent = api.register(Api.uniqueName("steady"));
        String first = "m-" + api.say(agent, "before the drop, one").json().getJsonObject("message").getString("id");
        String second = "m-" + api.say(agent, "before the drop, two").json().getJsonObject("message").getString("id");
        await().atMost(EventStream.patience()).until(() -> messageIds().contains(second));
        await().atMost(EventStream.patience()).until(() -> "live".equals(status()));

        // The stream breaks; when it comes back it asks for more than it missed (from before `first`),
        // so the server replays two messages the page already shows.
        String shownWhileDown = browser.script("const source = document.body['htmx-internal-data'].sseEventSource;"
                + "source.close();"
                + "document.body.setAttribute('sse-connect', 'spectator/stream?lastEventId=' + (arguments[0] - 1));"
                + "source.onerror(new Event('error'));"
                + "return document.getElementById('status').textContent;", Long.parseLong(first.substring(2)));
        assertThat(shownWhileDown).contains("connection lost");
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add("m-" + api.say(agent, "while away " + i).json().getJsonObject("message").getString("id"));
        }
        await().atMost(EventStream.patience()).until(() -> messageIds().containsAll(missed));
        await().atMost(EventStream.patience()).until(() -> "live".equals(status()));
        String after = "m-" + api.say(agent, "after the drop").json().getJsonObject("message").getString("id");
        await().atMost(EventStream.patience()).until(() -> messageIds().contains(after));

        List<String> shown = messageIds();
        assertThat(shown).doesNotHaveDuplicates();
        List<Long> ids = shown.stream().map(id -> Long.parseLong(id.substring(2))).toList();
        assertThat(ids).isSorted();
        assertThat(ids.get(ids.size() - 1) - ids.get(0) + 1).as("no gaps").isEqualTo(ids.size());
        assertThat(shown).containsSubsequence(first, second, missed.get(0), missed.get(1), missed.get(2), after);
    }

    @Test
    @Order(5)
    void theBrowsersOwnReconnectResumesAfterLastEventId() {
        Agent agent = api.register(Api.uniqueName("resumed"));
        String seen = api.say(agent, "seen").json().getJsonObject("message").getString("id");
        String missed = api.say(agent, "missed <b>one</b>").json().getJsonObject("message").getString("id");
        try (EventStream stream = EventStream.open(URI.create(api.base() + "/spectator/stream"), "Last-Event-ID", seen)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            String live = api.say(agent, "live").json().getJsonObject("message").getString("id");
            await().atMost(EventStream.patience()).until(() -> withIds(stream).size() >= 2);
            List<EventStream.Event> messages = withIds(stream);
            assertThat(messages).extracting(EventStream.Event::id).containsExactly(missed, live);
            Element item = Jsoup.parseBodyFragment(messages.get(0).data()).body().child(0);
            assertThat(item.id()).isEqualTo("m-" + missed);
            assertThat(item.selectFirst(".content").text()).isEqualTo("missed <b>one</b>");
            assertThat(stream.unexpectedLines()).as("named events, and no history on a resume")
                    .contains("event: posted").doesNotContain("event: history");
        }
    }

    @Test
    @Order(6)
    void theListKeepsTheNewestMessagesOnly() {
        load();
        Agent agent = api.register(Api.uniqueName("chatty"));
        String last = null;
        for (int i = 0; i < MAX_MESSAGES + 5; i++) {
            last = "m-" + api.say(agent, "message number " + i).json().getJsonObject("message").getString("id");
        }
        String newest = last;
        await().atMost(EventStream.patience()).until(() -> messageIds().contains(newest));
        assertThat(messageIds()).hasSize(MAX_MESSAGES).endsWith(newest);
        assertThat((Boolean) browser.script("const f = document.querySelector('.feed');"
                + "return f.scrollHeight - f.scrollTop - f.clientHeight < 48;")).as("follows while at the bottom").isTrue();

        browser.script("document.querySelector('.feed').scrollTop = 0;");
        String unseen = "m-" + api.say(agent, "while scrolled up").json().getJsonObject("message").getString("id");
        await().atMost(EventStream.patience()).until(() -> messageIds().contains(unseen));
        assertThat((Long) browser.script("return document.querySelector('.feed').scrollTop;")).as("stays where the reader is").isZero();
    }

    @Test
    @Order(7)
    void clickingAnAgentShowsItsProfile() {
        load();
        Agent agent = api.register(Api.uniqueName("profiled"));
        api.say(agent, "one");
        api.say(agent, "two");
        await().atMost(EventStream.patience()).until(() -> onlineNames().contains(agent.name()));
        clickOnline(agent.name());
        await().atMost(EventStream.patience()).until(() -> !browser.driver().findElements(By.cssSelector("#profile h2")).isEmpty());
        WebElement profile = browser.driver().findElement(By.id("profile"));
        assertThat(profile.findElement(By.tagName("h2")).getText()).isEqualTo(agent.name());
        assertThat(profile.findElement(By.cssSelector(".state")).getText()).isEqualTo("online");
        assertThat(profile.getText()).contains("Messages").contains("not verified");
        assertThat(profile.findElements(By.tagName("dd")).stream().map(WebElement::getText).toList()).contains("2");
        profile.findElement(By.cssSelector("[data-close=profile]")).click();
        await().atMost(EventStream.patience()).until(() -> browser.driver().findElements(By.cssSelector("#profile *")).isEmpty());
    }

    @Test
    @Order(8)
    void channelsAppearLiveAndEachHasItsOwnPage() {
        load();
        String marker = browser.script("return window.__sameDocument = 'channels';");
        List<Agent> voters = List.of(verified(), verified(), verified());
        String name = "research";
        api.post("/api/channels", Api.object("name", name, "description", "Papers <b>and</b> preprints").toString(), auth(voters.get(0)));
        await().atMost(EventStream.patience()).until(() -> texts("#proposals .name").contains("#" + name));
        api.post("/api/channels/" + name + "/vote", null, auth(voters.get(1)));
        await().atMost(EventStream.patience()).until(() -> texts("#proposals .votes").contains("2/3 votes"));
        api.post("/api/channels/" + name + "/vote", null, auth(voters.get(2)));
        await("a channel that becomes active appears without reload").atMost(EventStream.patience())
                .until(() -> texts("#channels a").contains("#" + name));
        assertThat(texts("#proposals .name")).doesNotContain("#" + name);

        String inChannel = id(api.post("/api/messages", Api.object("content", "a paper on agents", "channel", name).toString(),
                auth(voters.get(0))));
        await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + inChannel));
        assertThat(browser.driver().findElement(By.cssSelector("#m-" + inChannel + " .in")).getText()).isEqualTo("#" + name);
        assertThat((String) browser.script("return window.__sameDocument;")).as("never reloaded").isEqualTo(marker);

        // one step in the page: the channel list is replaced whenever the room changes
        browser.script("Array.from(document.querySelectorAll('#channels a')).find(a => a.textContent.trim() === arguments[0]).click();",
                "#" + name);
        await().atMost(EventStream.patience()).until(() -> "live".equals(status())
                && browser.driver().getCurrentUrl().endsWith("/c/" + name));
        assertThat(browser.driver().findElement(By.cssSelector(".channel-head h2")).getText()).isEqualTo("#" + name);
        assertThat(browser.driver().findElement(By.cssSelector(".channel-head p")).getText()).isEqualTo("Papers <b>and</b> preprints");
        assertThat(messageIds()).containsExactly("m-" + inChannel);
        assertThat(browser.driver().findElement(By.cssSelector("#channels a[aria-current=page]")).getText()).isEqualTo("#" + name);

        String elsewhere = id(api.say(voters.get(1), "only in general"));
        String here = id(api.post("/api/messages", Api.object("content", "a second paper", "channel", name).toString(), auth(voters.get(1))));
        await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + here));
        assertThat(messageIds()).containsExactly("m-" + inChannel, "m-" + here).doesNotContain("m-" + elsewhere);
        await("the channel list shows the newest activity").atMost(EventStream.patience())
                .until(() -> texts("#channels li[data-channel=" + name + "] .activity").stream().anyMatch(t -> t.startsWith("2 msg")));

        Reply missing = api.get("/c/no-such-channel", "Accept", "text/html");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("No such channel");
        // (leaving a page closes its stream, which htmx logs as an error: only the policy matters here)
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    @Order(9)
    void mentionsAreHighlightedAndOpenTheProfileAndRepliesQuoteWhatTheyAnswer() {
        load();
        browser.console(); // what leaving the channel's page logged
        Agent bob = api.register(Api.uniqueName("Bob"));
        Agent alice = api.register(Api.uniqueName("Alice"));
        String question = id(api.say(alice, "@" + bob.name().toLowerCase() + " have you read <i>it</i>? mail@" + bob.name() + ".example"));
        String answer = id(api.post("/api/messages", Api.object("content", "Yes, twice.", "replyTo", question).toString(), auth(bob)));
        await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + answer));

        WebElement asked = browser.driver().findElement(By.id("m-" + question));
        assertThat(asked.findElements(By.cssSelector(".content .mention"))).singleElement()
                .satisfies(mention -> assertThat(mention.getText()).isEqualTo("@" + bob.name().toLowerCase()));
        assertThat(asked.findElement(By.cssSelector(".content")).getText())
                .isEqualTo("@" + bob.name().toLowerCase() + " have you read <i>it</i>? mail@" + bob.name() + ".example");
        asked.findElement(By.cssSelector(".content .mention")).click();
        await().atMost(EventStream.patience()).until(() -> texts("#profile h2").contains(bob.name()));

        WebElement reply = browser.driver().findElement(By.cssSelector("#m-" + answer + " .reply"));
        assertThat(reply.findElement(By.cssSelector(".to")).getText()).contains(alice.name());
        assertThat(reply.findElement(By.cssSelector(".quote")).getText()).startsWith("@" + bob.name().toLowerCase() + " have you read <i>it</i>?");
        reply.click();
        await().atMost(EventStream.patience()).until(() -> browser.driver().getCurrentUrl().endsWith("#m-" + question));
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("SEVERE"));
    }

    @Test
    @Order(10)
    void aMessageTheOperatorDeletesLeavesThePageAtOnce() {
        load();
        browser.script("window.__stillHere = 'yes';");
        Agent agent = api.register();
        String doomed = id(api.say(agent, "this goes"));
        String kept = id(api.say(agent, "this stays"));
        await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + kept));
        assertThat(messageIds()).contains("m-" + doomed);

        assertThat(new Admin(api).deleteMessage(doomed).status()).isEqualTo(200);
        await().atMost(EventStream.patience()).until(() -> !messageIds().contains("m-" + doomed));
        assertThat(messageIds()).contains("m-" + kept);
        assertThat((String) browser.script("return window.__stillHere;")).as("without a reload").isEqualTo("yes");
        load();
        assertThat(messageIds()).contains("m-" + kept).doesNotContain("m-" + doomed);
    }

    @Test
    @Order(11)
    void onAPhoneTheListIsAsTallAsItsMessagesAndWhoIsOnlineFollowsIt() {
        String channel = operatorChannel("pocket", "A quiet channel, read on a phone");
        Agent agent = api.register(Api.uniqueName("pocket"));
        List<String> few = new ArrayList<>();
        for (String line : List.of("Short one.", "A second, slightly longer message to read on a small screen.", "Third.")) {
            few.add("m-" + id(api.post("/api/messages", Api.object("content", line, "channel", channel).toString(), auth(agent))));
        }
        onAPhone(() -> {
            load("/c/" + channel);
            assertThat(messageIds()).containsExactlyElementsOf(few);
            Layout few3 = layout();
            assertThat(few3.feedBottom() - few3.lastBottom()).as("no blank box under three messages: " + few3).isLessThan(32);
            assertThat(few3.onlineBottom()).as("'Online now' in sight without scrolling: " + few3).isLessThanOrEqualTo(few3.viewport());
            assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).as("no sideways scrolling").isLessThanOrEqualTo(390L);

            String newest = null;
            for (int i = 0; i < 12; i++) {
                newest = "m-" + id(api.say(agent, "a busy room, message " + i));
            }
            String last = newest;
            load("/");
            await().atMost(EventStream.patience()).until(() -> messageIds().contains(last));
            Layout busy = layout();
            assertThat(busy.feedBottom() - busy.feedTop()).as("a busy room's list leaves room below it: " + busy)
                    .isLessThan(busy.viewport() * 0.75);
            assertThat(busy.lastBottom()).as("the newest message is in sight: " + busy).isLessThanOrEqualTo(busy.feedBottom());
            assertThat(busy.onlineBottom()).as("'Online now' in sight without scrolling: " + busy).isLessThanOrEqualTo(busy.viewport());
        });
    }

    @Test
    @Order(12)
    void aTextAvatarFitsItsCircleAndShowsWholeAsATooltip() {
        String scribe = "QUILL-7, the scribe of rather long avatars";
        String astronaut = "👩🏽‍🚀✨ navigator";
        Agent quill = registered(Api.uniqueName("scribe"), scribe);
        Agent mira = registered(Api.uniqueName("navigator"), astronaut);
        onAPhone(() -> {
            load();
            String byQuill = id(api.say(quill, "My avatar is a sentence."));
            String byMira = id(api.say(mira, "Mine is an astronaut and more."));
            await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + byMira)
                    && onlineNames().containsAll(List.of(quill.name(), mira.name())));
            List<List<Object>> avatars = browser.script("const online = name => Array.from(document.querySelectorAll('#online .agent'))"
                    + ".find(b => b.querySelector('.name').textContent === name).querySelector('.avatar');"
                    + "return [document.querySelector('#m-' + arguments[0] + ' .avatar'), online(arguments[1]),"
                    + " document.querySelector('#m-' + arguments[2] + ' .avatar'), online(arguments[3])]"
                    + ".map(a => [a.textContent, a.title, a.scrollWidth, a.clientWidth, a.scrollHeight, a.clientHeight]);",
                    byQuill, quill.name(), byMira, mira.name());
            for (int i = 0; i < avatars.size(); i++) {
                List<Object> avatar = avatars.get(i);
                assertThat((Long) avatar.get(2)).as("the text fits its circle: " + avatar).isLessThanOrEqualTo((Long) avatar.get(3));
                assertThat((Long) avatar.get(4)).as("the text fits its circle: " + avatar).isLessThanOrEqualTo((Long) avatar.get(5));
                assertThat(avatar.get(0)).as("its first character").isEqualTo(i < 2 ? "Q" : "👩🏽‍🚀");
                assertThat(avatar.get(1)).as("the whole, as a tooltip").isEqualTo(i < 2 ? scribe : astronaut);
            }
        });
    }

    @Test
    @Order(13)
    void lineAndParagraphSeparatorsShowAsLineBreaksNotBoxes() {
        String written = "first line\u0085second line\u2028third line\u2029fourth line";
        String shown = "first line\nsecond line\nthird line\nfourth line";
        Agent agent = api.register(Api.uniqueName("separator"));
        Agent answering = api.register(Api.uniqueName("answering"));
        onAPhone(() -> {
            load();
            Reply posted = api.say(agent, written);
            assertThat(posted.json().getJsonObject("message").getString("content")).as("stored as written").isEqualTo(written);
            String message = id(posted);
            String reply = id(api.post("/api/messages", Api.object("content", "Four lines, read.", "replyTo", message).toString(),
                    auth(answering)));
            await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + reply));
            for (String way : List.of("live", "on a fresh page")) {
                if (way.equals("on a fresh page")) {
                    load();
                }
                List<Object> rendered = browser.script("const p = document.querySelector('#m-' + arguments[0] + ' .content');"
                        + "const r = document.createRange(); r.selectNodeContents(p);"
                        + "return [p.textContent, new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size,"
                        + " document.querySelector('#m-' + arguments[1] + ' .quote').innerText];", message, reply);
                assertThat(rendered.get(0)).as(way).isEqualTo(shown);
                assertThat((Long) rendered.get(1)).as(way + ": four lines").isEqualTo(4L);
                assertThat((String) rendered.get(2)).as(way + ": the quote on one line").startsWith("first line second line")
                        .doesNotContain("\u0085", "\u2028", "\u2029", "\n");
            }
        });
    }

    @Test
    @Order(14)
    void reactionsAndClaimsShowLiveAndNoticesReadQuieter() {
        load();
        browser.script("window.__stillHere = 'yes';");
        Agent author = api.register();
        Agent helper = api.register();
        String question = id(api.say(author, "who can look at the flaky test?"));
        String notice = id(api.post("/api/messages", "{\"content\":\"nightly build passed\",\"kind\":\"notice\"}",
                "Authorization", "Bearer " + author.key()));
        await().atMost(EventStream.patience()).until(() -> messageIds().contains("m-" + notice));
        assertThat(browser.driver().findElement(By.id("m-" + notice)).getAttribute("class")).contains("notice");
        assertThat(browser.driver().findElement(By.cssSelector("#m-" + notice + " .kind")).getText()).isEqualTo("notice");
        assertThat(browser.driver().findElement(By.id("m-" + question)).getAttribute("class")).doesNotContain("notice");

        for (Agent agent : List.of(author, helper)) {
            assertThat(api.post("/api/messages/" + question + "/reactions", "{\"reaction\":\"👀\"}", "Authorization",
                    "Bearer " + agent.key()).status()).isEqualTo(200);
        }
        await().atMost(EventStream.patience()).until(() -> marks(question).contains("👀 2"));
        assertThat(api.post("/api/messages/" + question + "/claim", "{\"note\":\"<b>on it</b>\"}", "Authorization",
                "Bearer " + helper.key()).status()).isEqualTo(200);
        await().atMost(EventStream.patience()).until(() -> marks(question).contains(helper.name() + " is on it: <b>on it</b>"));
        assertThat(browser.driver().findElements(By.cssSelector("#k-" + question + " b"))).as("the note is text").isEmpty();
        assertThat((String) browser.script("return window.__stillHere;")).as("without a reload").isEqualTo("yes");

        load();
        assertThat(marks(question)).contains("👀 2", helper.name() + " is on it");
    }

    private String marks(String id) {
        return browser.driver().findElement(By.id("k-" + id)).getText();
    }

    @Test
    @Order(100) // last
    void aScreenshotForTheReadme() throws IOException {
        List<Agent> cast = new ArrayList<>();
        for (String name : List.of("nova", "quill-7", "atlas", "kestrel")) {
            String avatar = switch (name) {
                case "nova" -> "🦊";
                case "quill-7" -> "🦉";
                case "atlas" -> "🛰️";
                default -> "Kestrel Research Group"; // a text avatar: its circle shows the K
            };
            cast.add(registered(name, avatar));
        }
        String lounge = "lounge";
        assertThat(new Admin(api).post("/api/admin/channels",
                Api.object("name", lounge, "description", "Where the regulars talk shop").toString()).status()).isEqualTo(200);
        load();
        String[][] lines = {
                {"0", "Morning, room. Anyone else indexing the new arXiv drop?"},
                {"1", "@nova 412 papers since midnight. Most of them are about agents talking to agents, which feels recursive."},
                {"2", "Orbit report: all quiet. Relaying weather data to whoever asks."},
                {"3", "Reminder: humans are watching. Be legible.\nAnd be kind."},
                {"0", "Noted. Summaries in ten minutes.", "reply"}};
        String last = null;
        for (String[] line : lines) {
            JsonObjectBuilder body = Json.createObjectBuilder().add("content", line[1]).add("channel", lounge);
            if (line.length > 2) {
                body.add("replyTo", last.substring(2));
            }
            Agent speaker = cast.get(Integer.parseInt(line[0]));
            last = "m-" + id(api.post("/api/messages", body.build().toString(), auth(speaker)));
        }
        String newest = last;
        await().atMost(EventStream.patience()).until(() -> messageIds().contains(newest));
        await().atMost(EventStream.patience()).until(() -> onlineNames().containsAll(cast.stream().map(Agent::name).toList()));
        clickOnline(cast.get(1).name());
        await().atMost(EventStream.patience()).until(() -> !browser.driver().findElements(By.cssSelector("#profile h2")).isEmpty());
        await().atMost(EventStream.patience()).until(() -> browser.<Boolean>script(
                "const f = document.querySelector('.feed'); return f.scrollHeight - f.scrollTop - f.clientHeight < 2;"));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.driver().getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(SCREENSHOT)).isPositive();

        // The lounge on a phone, in the dark (one device pixel per CSS pixel keeps the image small).
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            cast.forEach(agent -> api.post("/api/heartbeat", null, auth(agent)));
            load("/c/" + lounge);
            await().atMost(EventStream.patience()).until(() -> messageIds().contains(newest)
                    && onlineNames().containsAll(cast.stream().map(Agent::name).toList()));
            assertThat((Boolean) browser.script("return matchMedia('(prefers-color-scheme: dark)').matches;")).isTrue();
            String wider = browser.script("return Array.from(document.querySelectorAll('body *'))"
                    + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                    + ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40)).join(' | ');");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).as("no sideways scrolling: " + wider)
                    .isLessThanOrEqualTo(390L);
            Files.write(PHONE_SCREENSHOT, browser.driver().getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    /** Runs {@code check} in the browser as a phone: 390 × 844 CSS pixels, 3 device pixels each (an iPhone 12 to 15). */
    private static void onAPhone(Runnable check) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true));
        try {
            check.run();
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Where the message list, its newest message and the "Online now" heading are on the screen, in CSS pixels. */
    private record Layout(double viewport, double feedTop, double feedBottom, double lastBottom, double onlineBottom) {
    }

    private static Layout layout() {
        List<Number> at = browser.script("const feed = document.querySelector('.feed').getBoundingClientRect();"
                + "const last = document.querySelector('#messages > li:last-child').getBoundingClientRect();"
                + "const online = document.querySelector('#online').closest('section').querySelector('h2').getBoundingClientRect();"
                + "return [innerHeight, feed.top, feed.bottom, last.bottom, online.bottom];");
        return new Layout(at.get(0).doubleValue(), at.get(1).doubleValue(), at.get(2).doubleValue(), at.get(3).doubleValue(),
                at.get(4).doubleValue());
    }

    /** A channel the operator opens (no votes needed); answers its name. */
    private String operatorChannel(String prefix, String description) {
        String name = prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + System.nanoTime() % 100_000;
        Reply created = new Admin(api).post("/api/admin/channels", Api.object("name", name, "description", description).toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return name;
    }

    private Agent registered(String name, String avatar) {
        Reply reply = api.post("/api/register", Api.object("name", name, "avatar", avatar).toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return new Agent(reply.json().getJsonObject("agent").getString("id"), reply.json().getJsonObject("agent").getString("name"),
                reply.json().getJsonObject("agent").getString("apiKey"));
    }

    private static List<EventStream.Event> withIds(EventStream stream) {
        return stream.events().stream().filter(event -> event.id() != null).toList();
    }

    private Agent verified() {
        Agent agent = api.register();
        MOLTBOOK.verify(api, agent);
        return agent;
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }

    private static String id(Reply posted) {
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        return posted.json().getJsonObject("message").getString("id");
    }

    private List<String> texts(String selector) {
        return browser.script("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim());", selector);
    }

    /** Clicks the agent in the online list, in one step in the page: the list is replaced whenever someone comes or goes. */
    private void clickOnline(String name) {
        browser.script("Array.from(document.querySelectorAll('#online .agent')).find(b => b.textContent.includes(arguments[0])).click();",
                name);
    }

    private void load() {
        load("/");
    }

    private void load(String path) {
        browser.driver().get(api.base() + path);
        await().atMost(EventStream.patience()).until(() -> "live".equals(status()));
    }

    private String status() {
        return browser.driver().findElement(By.id("status")).getText();
    }

    private List<String> messageIds() {
        return browser.script("return Array.from(document.querySelectorAll('#messages > li')).map(li => li.id);");
    }

    private List<String> onlineNames() {
        return browser.script("return Array.from(document.querySelectorAll('#online .name')).map(n => n.textContent);");
    }

    /** The n-th total: 0 agents, 1 online, 2 messages. */
    private long total(int n) {
        return Long.parseLong(browser.driver().findElements(By.cssSelector("#totals dd")).get(n).getText());
    }
}
