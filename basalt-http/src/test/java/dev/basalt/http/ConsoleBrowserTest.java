package dev.basalt.http;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.storage.memory.MemoryKvStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real browser: headless Chromium driven by Selenium loads the page, opens
 * the schema tree, runs queries and reads the grid (paging, sorting, NULL), sees an error's code
 * and message, cancels a long query, exports CSV and JSON, shows an EXPLAIN tree and the status
 * page. Skipped, loudly, when chromium or chromedriver is not installed (CI installs both).
 *
 * <p>Screenshots of the main views go to target/console-screenshots; with
 * {@code -Dbasalt.console.screenshots=DIR} also to DIR (docs/console holds the committed ones).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static BasaltEngine engine;
    private static HttpApiServer http;
    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static Path downloads;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        String chromium = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        String chromedriver = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver");
        if (chromium == null || chromedriver == null) {
            String why = "ConsoleBrowserTest SKIPPED: chromium " + (chromium == null ? "missing" : "found")
                    + ", chromedriver " + (chromedriver == null ? "missing" : "found")
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)";
            System.err.println("*** " + why + " ***");
            Assumptions.abort(why);
        }
        engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
        http = new HttpApiServer(engine, new HttpConfig("127.0.0.1", 0, 16 << 20, Duration.ofSeconds(60), Duration.ofSeconds(600)));
        http.start();
        base = "http://127.0.0.1:" + http.port();
        seed();

        downloads = Files.createTempDirectory("basalt-console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(base + "/");
        wait.until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (http != null) http.close();
        if (engine != null) engine.close();
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) if (p != null && !p.isEmpty() && new File(p).canExecute()) return p;
        return null;
    }

    private static void seed() {
        try (Session s = engine.openSession(new SessionOptions(1, "root", "localhost", null))) {
            for (String sql : List.of(
                    "CREATE DATABASE shop",
                    "CREATE TABLE shop.item (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20) NOT NULL, "
                            + "price DECIMAL(8,2), KEY by_name (name))",
                    "INSERT INTO shop.item (name, price) VALUES ('pen', 1.50), ('book', 12.00), ('mystery', NULL)",
                    "CREATE VIEW shop.cheap AS SELECT name, price FROM shop.item WHERE price < 5",
                    "CREATE TABLE shop.nums (n INT PRIMARY KEY)",
                    "INSERT INTO shop.nums WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 250) "
                            + "SELECT n FROM r")) {
                StatementResults r = s.execute(sql, false);
                while (r.hasNext()) if (r.next() instanceof Result.Rows rows) rows.cursor().close();
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Puts SQL in the editor with the cursor at the end, then presses Ctrl+Enter. */
    private static void run(String sql) {
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setValue(arguments[0]);"
                + "cm.setCursor(cm.lineCount(), 0); cm.focus(); document.getElementById('result-body').replaceChildren();", sql);
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    }

    private static WebElement results() {
        return wait.until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("#result-body > *"));
            return shown.isEmpty() ? null : d.findElement(By.id("result-body"));
        });
    }

    private static List<String> column(int index) {
        return driver.findElements(By.cssSelector("#result-body table.grid tbody tr td:nth-child(" + index + ")"))
                .stream().map(WebElement::getText).toList();
    }

    private static void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path dir = Path.of("target", "console-screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), png);
        String docs = System.getProperty("basalt.console.screenshots");
        if (docs != null && !docs.isEmpty()) {
            Files.createDirectories(Path.of(docs));
            Files.write(Path.of(docs, name + ".png"), png);
        }
    }

    private static WebElement treeNode(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    // ---- the console ---------------------------------------------------------------------------

    @Test
    @Order(1)
    void schemaTreeShowsDatabasesTablesColumnsAndIndexes() throws Exception {
        treeNode("#schema li.db[data-name='shop'] > .row .caret").click();
        treeNode("#schema li.db[data-name='shop'] li.view[data-name='cheap']");
        treeNode("#schema li.table[data-name='item'] > .row .caret").click();
        WebElement id = treeNode("#schema li.table[data-name='item'] li.column[data-name='id']");
        assertTrue(id.getText().contains("int"), id.getText());
        assertEquals("PRI", id.findElement(By.cssSelector(".key")).getText());
        WebElement price = treeNode("#schema li.table[data-name='item'] li.column[data-name='price']");
        assertTrue(price.getText().contains("decimal(8,2)"), price.getText());
        treeNode("#schema li.table[data-name='item'] li.index");
        String indexes = driver.findElements(By.cssSelector("#schema li.table[data-name='item'] li.index")).stream()
                .map(e -> e.getText().replaceAll("\\s+", " ")).toList().toString();
        assertTrue(indexes.contains("PRIMARY (id) UNIQUE") && indexes.contains("by_name (name)"), indexes);
        // the filter keeps matching tables and the databases that hold them
        driver.findElement(By.id("schema-filter")).sendKeys("num");
        assertTrue(driver.findElement(By.cssSelector("#schema li.table[data-name='nums']")).isDisplayed());
        assertTrue(!driver.findElement(By.cssSelector("#schema li.table[data-name='item']")).isDisplayed());
        assertTrue(!driver.findElement(By.cssSelector("#schema li.db[data-name='mysql']")).isDisplayed());
        driver.findElement(By.id("schema-filter")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        assertTrue(driver.findElement(By.cssSelector("#schema li.table[data-name='item']")).isDisplayed());
        // clicking a name inserts it into the editor
        js("document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT * FROM ')");
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setCursor(0, 14);");
        driver.findElement(By.cssSelector("#schema li.table[data-name='item'] > .row .name")).click();
        assertEquals("SELECT * FROM item", js("return document.querySelector('.CodeMirror').CodeMirror.getValue()"));
        // the preview button runs a SELECT of the first rows
        js("document.getElementById('result-body').replaceChildren()");
        driver.findElement(By.cssSelector("#schema li.table[data-name='item'] > .row .preview")).click();
        results();
        assertEquals(List.of("pen", "book", "mystery"), column(2));
        screenshot("schema-tree");
    }

    @Test
    @Order(2)
    void queryResultsShowInTheGridWithNullSortingAndPaging() throws Exception {
        // several statements in the editor: Ctrl+Enter runs the one under the cursor (line 3)
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setValue(arguments[0]); cm.setCursor(2, 4); cm.focus();"
                + "document.getElementById('result-body').replaceChildren();",
                "-- items and their prices\nSELECT COUNT(*) FROM shop.nums;\nSELECT id, name, price\nFROM shop.item\nORDER BY id;\n\nSELECT * FROM shop.cheap;\n");
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        results();
        List<String> headers = driver.findElements(By.cssSelector("#result-body table.grid th")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("id", "name", "price"), headers);
        assertEquals(List.of("1", "2", "3"), column(1));
        assertEquals(List.of("1.50", "12.00", "NULL"), column(3));
        WebElement nullCell = driver.findElement(By.cssSelector("#result-body tbody tr:nth-child(3) td:nth-child(3)"));
        assertTrue(nullCell.getAttribute("class").contains("null"), "NULL is shown apart from text");
        // sort by price: NULL first, then by numeric value (not text: 12.00 after 1.50)
        driver.findElement(By.cssSelector("#result-body th:nth-child(3)")).click();
        assertEquals(List.of("NULL", "1.50", "12.00"), column(3));
        driver.findElement(By.cssSelector("#result-body th:nth-child(3)")).click();
        assertEquals(List.of("12.00", "1.50", "NULL"), column(3));
        screenshot("editor-grid");

        run("SELECT n FROM shop.nums ORDER BY n");
        results();
        assertEquals(100, column(1).size(), "a page holds 100 rows");
        assertTrue(driver.findElement(By.cssSelector(".grid-count")).getText().startsWith("250 rows"));
        driver.findElement(By.cssSelector(".page-next")).click();
        assertEquals("101", column(1).get(0));
        driver.findElement(By.cssSelector(".page-next")).click();
        assertEquals(50, column(1).size());
        assertTrue(driver.findElement(By.cssSelector(".page-next")).getAttribute("disabled") != null);

        // a huge result stops at 10000 rows (streamed, the rest not fetched); the session goes on
        run("SELECT a.n, b.n FROM shop.nums a, shop.nums b");
        results();
        assertTrue(driver.findElement(By.cssSelector(".grid-count")).getText().startsWith("first 10000 rows shown"),
                driver.findElement(By.cssSelector(".grid-count")).getText());
        run("SELECT 'still here' AS s");
        results();
        assertEquals(List.of("still here"), column(1));
    }

    @Test
    @Order(3)
    void errorsShowCodeAndMessage() throws Exception {
        run("SELECT * FROM shop.nothing_here");
        WebElement error = results().findElement(By.cssSelector(".error"));
        assertEquals("ERROR 1146", error.findElement(By.cssSelector(".error-code")).getText());
        assertTrue(error.getText().contains("(42S02)"), error.getText());
        assertEquals("Table 'shop.nothing_here' doesn't exist", error.findElement(By.cssSelector(".error-message")).getText());
        screenshot("error");
    }

    @Test
    @Order(4)
    void severalStatementsGiveSeveralResultSets() {
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setValue('SELECT 1 AS a;\\nSELECT 2 AS b;'); "
                + "cm.execCommand('selectAll'); cm.focus(); document.getElementById('result-body').replaceChildren();");
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        results();
        List<WebElement> tabs = driver.findElements(By.cssSelector("#result-tabs .result-tab"));
        assertEquals(2, tabs.size());
        assertEquals(List.of("2"), column(1));
        tabs.get(0).click();
        assertEquals(List.of("1"), column(1));
        // the statement under the cursor alone: the first line's
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setCursor(0, 3); cm.focus(); "
                + "document.getElementById('result-body').replaceChildren();");
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        results();
        assertEquals(1, driver.findElements(By.cssSelector("#result-tabs .result-tab")).size());
        assertEquals("a", driver.findElement(By.cssSelector("#result-body th")).getText());

        // a procedure's several result sets; DELIMITER keeps its body in one statement, as in mysql
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setValue(arguments[0]); cm.focus(); "
                + "document.getElementById('result-body').replaceChildren();",
                "DELIMITER //\nCREATE PROCEDURE shop.two() BEGIN SELECT 1 AS x; SELECT 2 AS y; END//\nDELIMITER ;\nCALL shop.two();");
        new Actions(driver).keyDown(Keys.CONTROL).keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT).keyUp(Keys.CONTROL).perform();
        results();
        List<String> firstHeaders = new java.util.ArrayList<>();
        for (WebElement tab : driver.findElements(By.cssSelector("#result-tabs .result-tab"))) {
            tab.click();
            List<WebElement> th = driver.findElements(By.cssSelector("#result-body th"));
            firstHeaders.add(th.isEmpty() ? driver.findElement(By.id("result-body")).getText() : th.get(0).getText());
        }
        assertTrue(firstHeaders.contains("x") && firstHeaders.contains("y"), firstHeaders.toString());
        assertTrue(firstHeaders.get(0).startsWith("Query OK"), firstHeaders.toString());
    }

    @Test
    @Order(5)
    void aLongQueryIsCancelled() {
        long start = System.nanoTime();
        run("SELECT SLEEP(30) AS slept");
        WebElement cancel = wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel")));
        cancel.click();
        WebElement body = results();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 15, "cancelled after " + seconds + " s");
        // MySQL answers 1 for an interrupted SLEEP; the engine may stop the statement with 1317 instead
        String text = body.getText();
        assertTrue(text.contains("ERROR 1317") || column(1).equals(List.of("1")), text);
        assertTrue(driver.findElement(By.id("run")).isEnabled());
        // the run says it was cancelled (a SLEEP's 1 alone looks like a normal answer)
        String state = driver.findElement(By.id("run-state")).getText();
        assertTrue(state.startsWith("Cancelled after ") && state.endsWith("1 of 1 statement ran"), state);
    }

    @Test
    @Order(6)
    void resultsExportAsCsvAndJson() throws Exception {
        run("SELECT id, name, price FROM shop.item ORDER BY id");
        results();
        driver.findElement(By.cssSelector(".grid-csv")).click();
        Path csv = awaitDownload("result-1.csv");
        assertEquals("id,name,price\r\n1,pen,1.50\r\n2,book,12.00\r\n3,mystery,\r\n", Files.readString(csv));
        driver.findElement(By.cssSelector(".grid-json")).click();
        String json = Files.readString(awaitDownload("result-1.json"));
        assertTrue(json.contains("\"name\": \"mystery\"") && json.contains("\"price\": null"), json);
        driver.findElement(By.cssSelector(".grid-copy")).click();
        wait.until(d -> d.findElement(By.cssSelector(".grid-count")).getText().startsWith("Copied"));
    }

    private static Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Files.exists(file) ? file : null);
    }

    @Test
    @Order(7)
    void explainShowsAPlanTree() throws Exception {
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; "
                + "cm.setValue('SELECT i.name FROM shop.item i JOIN shop.nums n ON n.n = i.id WHERE i.price > 1'); cm.focus();");
        driver.findElement(By.id("explain")).click();
        WebElement plan = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-body .plan")));
        List<WebElement> nodes = plan.findElements(By.cssSelector("li li > .plan-node"));
        assertEquals(2, nodes.size(), plan.getText());
        assertTrue(plan.getText().contains("full table scan") || plan.getText().contains("key"), plan.getText());
        // the second table is read per row of the first: it nests under it
        assertEquals(1, plan.findElements(By.cssSelector("li li li > .plan-node")).size());
        screenshot("explain");
    }

    @Test
    @Order(8)
    void historyAndCompletion() {
        List<String> history = driver.findElements(By.cssSelector("#history li")).stream().map(WebElement::getText).toList();
        assertTrue(history.contains("SELECT * FROM shop.nothing_here"), history.toString());
        assertTrue(driver.findElements(By.cssSelector("#history li.failed")).stream()
                .anyMatch(e -> e.getText().contains("nothing_here")), "a failed statement is marked");
        // a snippet is saved under a name and inserted at the cursor
        js("window.prompt = () => 'count items'; document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT COUNT(*) FROM shop.item')");
        driver.findElement(By.id("snippet-save")).click();
        js("document.querySelector('.CodeMirror').CodeMirror.setValue('')");
        driver.findElement(By.cssSelector("#snippets li .name")).click();
        assertEquals("SELECT COUNT(*) FROM shop.item", js("return document.querySelector('.CodeMirror').CodeMirror.getValue()"));
        // completion offers the schema's names: a table of a database after "shop."
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.setValue('SELECT * FROM shop.it'); "
                + "cm.setCursor(0, 21); cm.focus();");
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.SPACE).keyUp(Keys.CONTROL).perform();
        wait.until(d -> js("return document.querySelector('.CodeMirror').CodeMirror.getValue()")
                .equals("SELECT * FROM shop.item"));
    }

    @Test
    @Order(9)
    void statusPageChartsTheServer() throws Exception {
        driver.findElement(By.id("tab-status")).click();
        wait.until(d -> d.findElements(By.cssSelector("#status-figures .figure")).size() >= 5);
        wait.until(d -> !d.findElements(By.cssSelector("#status-types tbody tr")).isEmpty());
        // some load to chart (rates need two polls): a few HTTP statements a second for a few seconds
        Thread load = Thread.ofVirtual().start(() -> {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            try {
                // in one HTTP session, as a MySQL connection: its repeated statement shape hits the plan cache
                String session = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/sessions"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(session).get("token").asText();
                for (int i = 0; i < 60; i++) {
                    client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/sql"))
                            .header("Authorization", "Bearer " + token)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"query\": \"SELECT COUNT(*) FROM shop.nums a, shop.nums b WHERE a.n < " + (i % 9 + 1) * 20 + "\"}"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(40 + (i % 7) * 15);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        load.join();
        Thread.sleep(1500);
        String figures = driver.findElement(By.id("status-figures")).getText();
        assertTrue(figures.contains("connections") || figures.contains("CONNECTIONS"), figures);
        boolean drawn = (Boolean) js("const c = document.getElementById('chart-qps'); "
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; "
                + "for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false;");
        assertTrue(drawn, "the statements-per-second chart is drawn");
        // no remote cache here: the cache chart is the text plan cache's, and has a series (its colour) drawn
        assertEquals("Plan cache hit rate (%)", driver.findElement(By.id("chart-cache-caption")).getText());
        boolean cacheDrawn = (Boolean) js("const c = document.getElementById('chart-cache'); "
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; "
                + "for (let i = 0; i < d.length; i += 4) if (d[i] > 110 && d[i + 1] < 80 && d[i + 2] > 130 && d[i + 3] > 200) return true; "
                + "return false;");
        assertTrue(cacheDrawn, "the plan cache hit rate is charted");
        screenshot("status");
        driver.findElement(By.id("tab-query")).click();
    }

    @Test
    @Order(10)
    void aPasswordIsAskedForInThePage() throws Exception {
        try (BasaltEngine locked = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "s3cret", 64 << 20));
             HttpApiServer server = new HttpApiServer(locked, new HttpConfig("127.0.0.1", 0, 1 << 20))) {
            server.start();
            js("sessionStorage.clear()");
            driver.get("http://127.0.0.1:" + server.port() + "/");
            WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
            driver.findElement(By.id("login-password")).sendKeys("wrong");
            driver.findElement(By.id("login-submit")).click();
            wait.until(d -> d.findElement(By.id("login-error")).getText().contains("Access denied"));
            assertTrue(dialog.isDisplayed());
            driver.findElement(By.id("login-password")).clear();
            driver.findElement(By.id("login-password")).sendKeys("s3cret");
            driver.findElement(By.id("login-submit")).click();
            wait.until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
            treeNode("#schema li.db[data-name='information_schema']");
            run("SELECT CURRENT_USER()");
            results();
            assertEquals(List.of("root@localhost"), column(1));
        } finally {
            js("sessionStorage.clear()");
        }
    }

    /** statements.js against the cases in console/statements.json, run in the page itself. */
    @Test
    @Order(11)
    void statementSplittingFollowsTheCases() throws Exception {
        String cases;
        try (var in = ConsoleBrowserTest.class.getResourceAsStream("/console/statements.json")) {
            cases = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        driver.get(base + "/");
        wait.until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
        Object failures = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/console/statements.js').then(m => {
                  const failures = [];
                  for (const c of JSON.parse(arguments[0])) {
                    const got = c.cursor === undefined ? m.splitStatements(c.text).map(s => s.text)
                                                       : m.statementAt(c.text, c.cursor)?.text;
                    const want = c.cursor === undefined ? c.statements : c.at;
                    if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(c.why + ': got ' + JSON.stringify(got));
                  }
                  done(failures);
                }, e => done(['import failed: ' + e]));
                """, cases);
        assertEquals(List.of(), failures);
    }

    /**
     * The console's session ends under it (an administrator KILLs its connection; idle expiry is
     * the same path): the next statement runs in a new session, and the connection id shown is
     * the new session's, with why the old one ended, not the dead one's.
     */
    @Test
    @Order(12)
    void theConnectionShownFollowsASessionOpenedAnew() {
        driver.get(base + "/");
        wait.until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
        run("SELECT CONNECTION_ID() AS cid");
        results();
        String first = column(1).getFirst();
        assertEquals("connection " + first, driver.findElement(By.id("connection")).getText());
        try (Session admin = engine.openSession(new SessionOptions(99, "root", "localhost", null))) {
            StatementResults r = admin.execute("KILL " + first, false);
            while (r.hasNext()) r.next();
        }
        run("SELECT CONNECTION_ID() AS cid");
        results();
        String second = column(1).getFirst();
        assertTrue(!second.equals(first), "a new session: " + second);
        String shown = driver.findElement(By.id("connection")).getText();
        assertTrue(shown.startsWith("connection " + second + " (new session: "), shown);
        assertTrue(shown.contains("KILL"), "says why: " + shown);
    }

    /**
     * Bytes (base64 in the API's answer) show as 0x hex, as the mysql client's --binary-as-hex does
     * on a terminal: in the grid, in its sort order and in the CSV export; text stays text.
     */
    @Test
    @Order(13)
    void binaryValuesShowAsHex() throws Exception {
        run("SELECT x'00FF10' AS raw, CAST('' AS BINARY) AS nothing, 'eA==' AS text_like_base64 UNION ALL "
                + "SELECT x'0A', x'41', 'plain'");
        results();
        assertEquals(List.of("0x00FF10", "0x0A"), column(1));
        assertEquals(List.of("0x", "0x41"), column(2));
        assertEquals(List.of("eA==", "plain"), column(3), "a string that looks like base64 is text");
        driver.findElement(By.cssSelector("#result-body th:nth-child(1)")).click();
        assertEquals(List.of("0x00FF10", "0x0A"), column(1), "sorted by bytes: 00 before 0A");
        driver.findElement(By.cssSelector("#result-body th:nth-child(1)")).click();
        assertEquals(List.of("0x0A", "0x00FF10"), column(1));
        screenshot("binary-hex");
        Files.deleteIfExists(downloads.resolve("result-1.csv"));
        driver.findElement(By.cssSelector(".grid-csv")).click();
        assertEquals("raw,nothing,text_like_base64\r\n0x00FF10,0x,eA==\r\n0x0A,0x41,plain\r\n",
                Files.readString(awaitDownload("result-1.csv")));
    }
}
