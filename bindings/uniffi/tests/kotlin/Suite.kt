// The Kotlin suite of breachkit's uniffi bindings: the examples, the shared scenario corpus
// (tests/fixtures/scenarios, the same expectations as tests/src/lib.rs), the error paths and the
// reports. Run as JUnit 5 tests (BreachKitTest.kt) against the packaged jar.
import dev.breachkit.*
import java.io.File
import java.time.Instant
import java.time.OffsetDateTime

// A minimal JSON reader: the JVM has none built in, and the test needs no library but JNA.
// Objects keep their source text, so an inline incident is passed on exactly as written.
class JObj(val fields: Map<String, Any?>, val raw: String)

class JsonReader(private val s: String) {
    private var i = 0
    fun read(): Any? { val v = value(); ws(); require(i == s.length) { "trailing text" }; return v }
    private fun ws() { while (i < s.length && s[i].isWhitespace()) i++ }
    private fun value(): Any? {
        ws()
        return when (s[i]) {
            '{' -> obj()
            '[' -> arr()
            '"' -> str()
            't' -> { i += 4; true }
            'f' -> { i += 5; false }
            'n' -> { i += 4; null }
            else -> num()
        }
    }
    private fun obj(): JObj {
        val start = i; i++
        val m = LinkedHashMap<String, Any?>()
        ws()
        if (s[i] == '}') { i++; return JObj(m, s.substring(start, i)) }
        while (true) {
            ws(); val k = str(); ws(); require(s[i] == ':'); i++
            m[k] = value(); ws()
            if (s[i] == ',') { i++; continue }
            require(s[i] == '}'); i++
            return JObj(m, s.substring(start, i))
        }
    }
    private fun arr(): List<Any?> {
        i++
        val l = ArrayList<Any?>()
        ws()
        if (s[i] == ']') { i++; return l }
        while (true) {
            l.add(value()); ws()
            if (s[i] == ',') { i++; continue }
            require(s[i] == ']'); i++
            return l
        }
    }
    private fun str(): String {
        require(s[i] == '"'); i++
        val b = StringBuilder()
        while (s[i] != '"') {
            if (s[i] == '\\') {
                i++
                when (s[i]) {
                    'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r')
                    'b' -> b.append('\b'); 'f' -> b.append('\u000c')
                    'u' -> { b.append(s.substring(i + 1, i + 5).toInt(16).toChar()); i += 4 }
                    else -> b.append(s[i])
                }
            } else b.append(s[i])
            i++
        }
        i++
        return b.toString()
    }
    private fun num(): Double {
        val start = i
        while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
        return s.substring(start, i).toDouble()
    }
}

class Tests {
    var passed = 0
    val failures = ArrayList<String>()
    fun test(name: String, body: () -> Unit) {
        try {
            body(); passed++
        } catch (e: Throwable) {
            failures.add("$name: $e")
        }
    }
}

fun check(cond: Boolean, msg: () -> String) { if (!cond) throw AssertionError(msg()) }

/** The wire code of an enum value: NOT_REQUIRED -> not_required. */
fun code(e: Enum<*>): String = e.name.lowercase()

fun instant(rfc3339: String): Instant = OffsetDateTime.parse(rfc3339).toInstant()

// The 2026-12 reliability probe's reproducers, the fuzz regression fixtures and the generated
// large shapes: each ends quickly in a value or a typed BreachkitException, never a crash.
val probeAsOf: Instant = instant("2023-10-26T00:00:00+09:00")
val allKinds = listOf(
    ReportKind.PPC_PRELIMINARY, ReportKind.PPC_FINAL, ReportKind.GDPR_ART33, ReportKind.HHS,
    ReportKind.INDIVIDUAL_NOTICE, ReportKind.ANNOUNCEMENT,
)

/** Reads a document as an incident; a typed error with a pointer is an answer too (null). */
fun readIncident(text: String, toml: Boolean): Incident? =
    try {
        if (toml) Incident.fromToml(text) else Incident.fromJson(text)
    } catch (e: BreachkitException.InvalidDocument) {
        check(e.path.startsWith("/")) { "path ${e.path}" }
        null
    }

/** Validates, assesses and drafts `kinds` in both languages: only a BreachkitException may come back. */
fun exercise(inc: Incident, kinds: List<ReportKind> = allKinds) {
    inc.validate()
    try {
        assess(inc, probeAsOf)
    } catch (e: BreachkitException.InvalidDocument) {
        // Refused before any work (duplicate ids, a parent cycle, a sequence out of range).
        check(e.path.startsWith("/")) { "path ${e.path}" }
        return
    }
    for (kind in kinds) for (lang in listOf(Lang.EN, Lang.JA)) {
        try {
            renderReport(draftReport(inc, kind, lang, probeAsOf), Format.HTML, lang)
        } catch (e: BreachkitException) {
            // A typed refusal ("nothing to draft", an invalid document) is an answer.
        }
    }
}

/** Runs `body` and fails when it takes longer than `limitMs` (a hang, not a crash). */
fun timed(what: String, limitMs: Long, body: () -> Unit) {
    val t = System.nanoTime()
    body()
    val took = (System.nanoTime() - t) / 1_000_000
    check(took < limitMs) { "$what took $took ms (limit $limitMs ms)" }
}

fun probeTests(root: File, t: Tests, seikoJson: String) {
    val probeDir = File(root, "tests/fixtures/probe")
    val probeFiles = probeDir.listFiles()!!.sortedBy { it.name }
    t.test("probe reproducers are there") { check(probeFiles.size >= 8) { "found ${probeFiles.map { it.name }}" } }
    for (f in probeFiles.filter { (it.name.endsWith(".json") || it.name.endsWith(".toml")) && !it.name.startsWith("rules-") }) {
        t.test("probe ${f.name} ends in a value or a typed error") {
            timed(f.name, 5000) { readIncident(f.readText(), f.name.endsWith(".toml"))?.use { exercise(it) } }
        }
    }
    t.test("probe D7: a duplicate JSON key is InvalidDocument at the object's pointer") {
        try {
            Incident.fromJson(File(probeDir, "duplicate-key.json").readText()); throw AssertionError("no error")
        } catch (e: BreachkitException.InvalidDocument) {
            check(e.path == "/id") { "path ${e.path}" }
        }
    }
    t.test("probe D7: TOML nan is InvalidDocument, never absent") {
        try {
            Incident.fromToml(File(probeDir, "toml-nan-dropped.toml").readText()); throw AssertionError("no error")
        } catch (e: BreachkitException.InvalidDocument) {
            check(e.path.startsWith("/")) { "path ${e.path}" }
        }
    }
    t.test("probe D1: the announcement number overflow is refused with the field") {
        Incident.fromJson(File(probeDir, "announcement-sequence-overflow.json").readText()).use { inc ->
            try {
                draftReport(inc, ReportKind.ANNOUNCEMENT, Lang.EN, probeAsOf); throw AssertionError("no error")
            } catch (e: BreachkitException.InvalidDocument) {
                check(e.path == "/reports/0/sequence") { "path ${e.path}" }
            }
        }
    }
    for (f in probeFiles.filter { it.name.startsWith("rules-") }) {
        t.test("probe D8: ${f.name} is a Rules error naming the file and the condition's pointer") {
            Incident.fromJson(seikoJson).use { inc ->
                try {
                    assessWith(inc, probeAsOf, "en", null, listOf(listOf(f.name, f.readText())))
                    throw AssertionError("no error")
                } catch (e: BreachkitException.Rules) {
                    check(e.rule.contains(f.name) && e.rule.contains("/when/")) { e.rule }
                }
            }
        }
    }
    // Every input a fuzz target ever crashed on (kept by `cargo xtask fuzz`), as JSON and as TOML.
    for (dir in (File(root, "tests/fixtures/fuzz").listFiles() ?: emptyArray()).sortedBy { it.name }) {
        for (f in (dir.listFiles() ?: emptyArray()).sortedBy { it.name }) {
            t.test("fuzz regression ${dir.name}/${f.name}") {
                val text = f.readText()
                timed(f.name, 5000) {
                    for (toml in listOf(false, true)) readIncident(text, toml)?.use { exercise(it) }
                }
            }
        }
    }
    // The probe's generated shapes at the write-up's sizes, when written by hand
    // (python3 tests/fixtures/probe/gen_slow_inputs.py target/probe-large). Not in `cargo xtask test`:
    // through the debug library on a loaded machine several take 8-100 s (parent-chain-100000,
    // many-holders-2000), over the 5 s limit; see docs/design.md.
    for (f in (File(root, "target/probe-large").listFiles { x -> x.name.endsWith(".json") } ?: emptyArray()).sortedBy { it.name }) {
        t.test("probe large ${f.name} ends in a value or a typed error") {
            val many = f.name.startsWith("many-holders") || f.name.startsWith("duplicate-org-ids")
            timed(f.name, 5000) {
                readIncident(f.readText(), false)?.use { inc ->
                    check(inc.validate().size <= 1001) { "problems are capped" }
                    exercise(inc, if (many) listOf(ReportKind.INDIVIDUAL_NOTICE) else emptyList())
                }
            }
        }
    }
}

@Suppress("UNCHECKED_CAST")
fun runScenario(root: File, sc: JObj): List<String> {
    val f = sc.fields
    val json = (f["incident"] as JObj?)?.raw ?: File(root, f["incident_file"] as String).readText()
    val a = Incident.fromJson(json).use { assess(it, instant(f["as_of"] as String)) }
    val errs = ArrayList<String>()
    for (e in (f["expect"] as List<JObj>).map { it.fields }) {
        val id = e["obligation"] as String
        val o = a.obligations.firstOrNull { it.id == id }
        if (e["absent"] == true) {
            if (o != null) errs.add("$id: expected absent, found")
            continue
        }
        if (o == null) { errs.add("$id: missing; have ${a.obligations.map { it.id }}"); continue }
        (e["status"] as String?)?.let { if (code(o.status) != it) errs.add("$id: status ${code(o.status)} != expected $it") }
        if (e.containsKey("due_local") && o.deadline.dueLocal != e["due_local"]) {
            errs.add("$id: due ${o.deadline.dueLocal} != expected ${e["due_local"]}")
        }
        (e["guidance"] as List<String>?)?.let {
            val g = o.deadline.guidance?.let { g -> listOf(g.from, g.to) }
            if (g != it) errs.add("$id: guidance $g != expected $it")
        }
        (e["filing"] as String?)?.let { if (code(o.filing.state) != it) errs.add("$id: filing ${code(o.filing.state)} != expected $it") }
        (e["provisional"] as Boolean?)?.let { if (o.deadline.provisional != it) errs.add("$id: provisional ${o.deadline.provisional} != expected $it") }
    }
    (f["expect_not_covered"] as List<String>?)?.let { want ->
        val got = a.notCovered.map { it.jurisdiction }.toSortedSet().toList()
        if (got != want.sorted()) errs.add("not covered $got != expected ${want.sorted()}")
    }
    for (n in ((f["expect_not_applicable"] as List<JObj>?) ?: emptyList()).map { it.fields }) {
        val entity = n["entity"] as String
        val regime = n["regime"] as String
        val phrase = n["reason_contains"] as String
        val hit = a.notApplicable.firstOrNull { it.entity == entity && it.regime == regime }
        if (hit == null) errs.add("$entity/$regime: expected to be listed as not applicable")
        else if (!hit.reason.contains(phrase)) errs.add("$entity/$regime: reason ${hit.reason} lacks $phrase")
    }
    (f["expect_questions"] as List<String>?)?.let { want ->
        val got = a.questions.map { it.id }.toSortedSet().toList()
        if (got != want.sorted()) errs.add("questions $got != expected ${want.sorted()}")
    }
    return errs
}

/** The examples, the scenarios, the error paths, the reports and the guide's examples. */
fun suiteTests(root: File, t: Tests) {

    // The examples read, validate without errors and assess.
    // Incident documents only: `*-history.json` is a revision history, not an incident.
    val examples = File(root, "docs/examples").listFiles { f -> f.name.endsWith(".json") && !f.name.endsWith("-history.json") }!!.sortedBy { it.name }
    check(examples.size >= 3) { "expected the examples in docs/examples" }
    for (ex in examples) {
        t.test("example ${ex.name}") {
            Incident.fromJson(ex.readText()).use { inc ->
                val errors = inc.validate().filter { it.severity == Severity.ERROR }
                check(errors.isEmpty()) { "validation errors: ${errors.map { it.code }}" }
                val a = assess(inc, instant("2024-01-01T00:00:00Z"))
                check(a.obligations.isNotEmpty()) { "no obligations" }
                check(a.incident == inc.id()) { "incident id" }
                for (o in a.obligations) check(o.citations.isNotEmpty()) { "${o.id}: no citations" }
            }
        }
    }

    t.test("seiko final report is required, with its due date and PPC recipient") {
        val json = File(root, "docs/examples/seiko-2023.json").readText()
        Incident.fromJson(json).use { inc ->
            val a = assess(inc, instant("2023-08-01T03:00:00Z"))
            check(a.asOf == Instant.parse("2023-08-01T03:00:00Z")) { "asOf ${a.asOf}" }
            val o = a.obligations.first { it.id == "swc/jp.appi/ppc-final" }
            check(o.status == Status.REQUIRED) { "status ${o.status}" }
            check(o.stage == Stage.FINAL) { "stage ${o.stage}" }
            check(o.obligor == "swc") { "obligor ${o.obligor}" }
            check(o.regime == "jp.appi") { "regime ${o.regime}" }
            check(o.recipient.kind == "regulator") { "recipient ${o.recipient.kind}" }
            check(o.deadline.due != null) { "no due instant" }
            check(o.citations.all { it.url.startsWith("http") }) { "citation urls" }
        }
    }

    // The same scenarios and expectations as the Rust conformance tests.
    val scenarios = File(root, "tests/fixtures/scenarios").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
    check(scenarios.size >= 20) { "expected the scenario corpus" }
    for (file in scenarios) {
        t.test("scenario ${file.nameWithoutExtension}") {
            val errs = runScenario(root, JsonReader(file.readText()).read() as JObj)
            check(errs.isEmpty()) { errs.joinToString("; ") }
        }
    }

    // Error paths are typed, and never quote the document.
    t.test("bad JSON is InvalidDocument") {
        try {
            Incident.fromJson("{\"id\": \"Jane Doe\""); throw AssertionError("no error")
        } catch (e: BreachkitException.InvalidDocument) {
            check(!e.rule.contains("Jane")) { e.rule }
        }
    }
    t.test("an invalid value is InvalidDocument with its path, without the value") {
        val doc = """{"schema_version": "0.1", "id": "x", "organisations": [{"id": "a", "name": "n", "country": "Jane Doe"}]}"""
        try {
            Incident.fromJson(doc); throw AssertionError("no error")
        } catch (e: BreachkitException.InvalidDocument) {
            check(e.path == "/organisations/0/country") { "path ${e.path}" }
            check(!e.rule.contains("Jane") && !e.message!!.contains("Jane")) { e.rule }
        }
    }
    t.test("an unknown schema version is InvalidDocument") {
        try {
            Incident.fromJson("""{"schema_version": "99", "id": "x"}"""); throw AssertionError("no error")
        } catch (e: BreachkitException.InvalidDocument) {
            check(e.rule.isNotEmpty()) { "empty rule" }
        }
    }
    t.test("validate reports problems with codes and pointers") {
        val doc = """{"schema_version": "0.1", "id": "x", "organisations": [{"id": "a", "name": "n", "country": "JP", "parent": "zz"}]}"""
        Incident.fromJson(doc).use { inc ->
            val p = inc.validate().first { it.code == "unknown_entity" }
            check(p.path == "/organisations/0/parent" && p.severity == Severity.ERROR) { "$p" }
        }
    }
    t.test("an instant out of chrono's range is InvalidValue") {
        Incident.fromJson(File(root, "docs/examples/seiko-2023.json").readText()).use { inc ->
            try {
                assess(inc, Instant.MAX); throw AssertionError("no error")
            } catch (e: BreachkitException.InvalidValue) {
                check(e.rule.contains("out of range")) { e.rule }
            }
        }
    }

    // Report drafting: the same drafts as `breachkit report` (crates/breachkit-report).
    val seikoJson = File(root, "docs/examples/seiko-2023.json").readText()
    val reportAsOf = instant("2023-10-25T12:00:00+09:00")
    t.test("seiko announcement in English is the third report") {
        Incident.fromJson(seikoJson).use { inc ->
            val d = draftReport(inc, ReportKind.ANNOUNCEMENT, Lang.EN, reportAsOf)
            check(d.size == 1) { "${d.size} drafts" }
            check(d[0].title == "Regarding Our Recent Data Breach (Third Report)") { d[0].title }
            check(d[0].kind == ReportKind.ANNOUNCEMENT && d[0].lang == Lang.EN) { "${d[0].kind} ${d[0].lang}" }
            val md = renderReport(d, Format.MARKDOWN, Lang.EN)
            check(md.contains("Regarding Our Recent Data Breach (Third Report)")) { md }
        }
    }
    t.test("seiko announcement in Japanese is 第3報") {
        Incident.fromJson(seikoJson).use { inc ->
            val d = draftReport(inc, ReportKind.ANNOUNCEMENT, Lang.JA, reportAsOf)
            check(d.size == 1 && d[0].title.contains("第3報")) { "${d.map { it.title }}" }
            check(renderReport(d, Format.HTML, Lang.JA).contains("第3報")) { "html" }
        }
    }
    t.test("PPC final: one draft per entity, nine items (item 8 split into done and planned), the missing count") {
        Incident.fromJson(seikoJson).use { inc ->
            val d = draftReport(inc, ReportKind.PPC_FINAL, Lang.EN, reportAsOf)
            check(d.map { it.entity } == listOf("sgc", "swc", "sii")) { "${d.map { it.entity }}" }
            for (x in d) {
                check(x.kind == ReportKind.PPC_FINAL) { "kind ${x.kind}" }
                check(x.sections.size == 10) { "${x.entity}: ${x.sections.size} sections" }
                check(x.missing.any { it.path.endsWith("/count") }) { "${x.missing}" }
                check(x.mustBeComplete && !x.complete) { "complete ${x.complete}" }
                val fields = JsonReader(x.fields).read()
                check(fields is JObj && fields.fields.isNotEmpty()) { "fields ${x.fields}" }
            }
            val json = JsonReader(renderReport(d, Format.JSON, Lang.EN)).read()
            check(json is List<*> && json.size == 3) { "json" }
        }
    }
    t.test("an unknown entity or group is a typed Report error, without the id") {
        Incident.fromJson(seikoJson).use { inc ->
            for ((entity, group) in listOf<Pair<String?, String?>>("Jane Doe" to null, null to "Jane Doe")) {
                try {
                    draftReport(inc, ReportKind.INDIVIDUAL_NOTICE, Lang.EN, reportAsOf, entity, group)
                    throw AssertionError("no error")
                } catch (e: BreachkitException.Report) {
                    check(e.rule.isNotEmpty() && !e.rule.contains("Jane")) { e.rule }
                }
            }
        }
    }
    t.test("fields that are not a JSON object are InvalidValue") {
        Incident.fromJson(seikoJson).use { inc ->
            val d = draftReport(inc, ReportKind.PPC_FINAL, Lang.EN, reportAsOf, entity = "swc")
            check(d.size == 1) { "${d.size} drafts" }
            try {
                renderReport(listOf(d[0].copy(fields = "[\"Jane Doe\"]")), Format.JSON, Lang.EN)
                throw AssertionError("no error")
            } catch (e: BreachkitException.InvalidValue) {
                check(e.rule.contains("fields") && !e.rule.contains("Jane")) { e.rule }
            }
        }
    }

    probeTests(root, t, seikoJson)

    // The guide's example (docs/guide/kotlin.md quotes Guide.kt).
    t.test("guide example") {
        val lines = dueList(File(root, "docs/examples/seiko-2023.json").readText(), instant("2023-08-01T12:00:00+09:00"))
        check(lines.any { it.startsWith("swc/jp.appi/ppc-final: ") }) { "$lines" }
        val bad = dueList("{", Instant.now())
        check(bad.size == 1 && bad[0].startsWith("cannot read")) { "$bad" }
        val md = announcementMarkdown(seikoJson, reportAsOf)
        check(md.startsWith("# Regarding Our Recent Data Breach (Third Report)")) { md }
    }

}
