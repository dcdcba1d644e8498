// The Swift suite of breachkit's uniffi bindings: the examples, the shared scenario corpus
// (tests/fixtures/scenarios, the same expectations as tests/src/lib.rs), the error paths and the
// reports. Run by `swift test` (XCTestSuite.swift) from the repository's Package.swift.
import BreachKit
import Foundation


/// A JSON value that re-encodes as it was read (integers stay integers).
indirect enum JSON: Codable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
    var string: String? { if case .string(let s) = self { return s }; return nil }
    var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    var array: [JSON]? { if case .array(let a) = self { return a }; return nil }
}

struct Failure: Error, CustomStringConvertible { let description: String }

func check(_ cond: Bool, _ msg: @autoclosure () -> String) throws {
    if !cond { throw Failure(description: msg()) }
}

var passed = 0
var failed: [String] = []
func test(_ name: String, _ body: () throws -> Void) {
    do { try body(); passed += 1 } catch { failed.append("\(name): \(error)") }
}

/// The wire code of an enum value: notRequired -> not_required.
func code<T>(_ v: T) -> String {
    var out = ""
    for ch in String(describing: v) {
        if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return out
}

func instant(_ rfc3339: String) throws -> Date {
    let f = ISO8601DateFormatter()
    guard let d = f.date(from: rfc3339) else { throw Failure(description: "bad instant \(rfc3339)") }
    return d
}

func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

func files(_ dir: String, _ ext: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(ext) }.sorted()
        .map { dir + "/" + $0 }
}

func runScenario(root: String, _ sc: JSON) throws -> [String] {
    let json: String
    if let inline = sc["incident"] {
        json = String(decoding: try JSONEncoder().encode(inline), as: UTF8.self)
    } else {
        json = try read(root + "/" + sc["incident_file"]!.string!)
    }
    let a = try assess(incident: try Incident.fromJson(json: json), asOf: try instant(sc["as_of"]!.string!))
    var errs: [String] = []
    for e in sc["expect"]!.array! {
        let id = e["obligation"]!.string!
        let o = a.obligations.first { $0.id == id }
        if e["absent"]?.bool == true {
            if o != nil { errs.append("\(id): expected absent, found") }
            continue
        }
        guard let o = o else {
            errs.append("\(id): missing; have \(a.obligations.map { $0.id })")
            continue
        }
        if let s = e["status"]?.string, code(o.status) != s {
            errs.append("\(id): status \(code(o.status)) != expected \(s)")
        }
        if let d = e["due_local"], o.deadline.dueLocal != d.string {
            errs.append("\(id): due \(o.deadline.dueLocal ?? "nil") != expected \(d)")
        }
        if let g = e["guidance"]?.array {
            let want = g.map { $0.string ?? "" }
            let got = o.deadline.guidance.map { [$0.from, $0.to] }
            if got != want { errs.append("\(id): guidance \(String(describing: got)) != expected \(want)") }
        }
        if let f = e["filing"]?.string, code(o.filing.state) != f {
            errs.append("\(id): filing \(code(o.filing.state)) != expected \(f)")
        }
        if let p = e["provisional"]?.bool, o.deadline.provisional != p {
            errs.append("\(id): provisional \(o.deadline.provisional) != expected \(p)")
        }
    }
    for n in sc["expect_not_applicable"]?.array ?? [] {
        let entity = n["entity"]!.string!, regime = n["regime"]!.string!
        let phrase = n["reason_contains"]!.string!
        if let hit = a.notApplicable.first(where: { $0.entity == entity && $0.regime == regime }) {
            if !hit.reason.contains(phrase) {
                errs.append("\(entity)/\(regime): reason \(hit.reason) lacks \(phrase)")
            }
        } else {
            errs.append("\(entity)/\(regime): expected to be listed as not applicable")
        }
    }
    if let want = sc["expect_not_covered"]?.array {
        let w = want.map { $0.string ?? "" }.sorted()
        let got = Array(Set(a.notCovered.map { $0.jurisdiction })).sorted()
        if got != w { errs.append("not covered \(got) != expected \(w)") }
    }
    if let want = sc["expect_questions"]?.array {
        let w = want.map { $0.string ?? "" }.sorted()
        let got = Array(Set(a.questions.map { $0.id })).sorted()
        if got != w { errs.append("questions \(got) != expected \(w)") }
    }
    return errs
}

/// The repository root (this file is bindings/uniffi/tests/swift/Suite.swift).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

// The 2026-12 reliability probe's reproducers (tests/fixtures/probe), the fuzz regression
// fixtures (tests/fixtures/fuzz/<target>/) and the probe's generated large shapes (written by
// `cargo xtask test` under target/probe-large): each ends quickly in a value or a typed
// BreachkitError naming the field or file, never a crash of this process.
let probeDir = root + "/tests/fixtures/probe"
let probeAsOf = (try? instant("2023-10-26T00:00:00+09:00")) ?? Date(timeIntervalSince1970: 0)
let allKinds: [ReportKind] = [.ppcPreliminary, .ppcFinal, .gdprArt33, .hhs, .individualNotice, .announcement]

/// Reads a document as an incident; a typed error with a pointer is an answer too (nil).
func readIncident(_ text: String, toml: Bool) throws -> Incident? {
    do {
        return toml ? try Incident.fromToml(toml: text) : try Incident.fromJson(json: text)
    } catch BreachkitError.InvalidDocument(_, let path, _) {
        try check(path.hasPrefix("/"), "path \(path)")
        return nil
    }
}

/// Validates, assesses and drafts `kinds` in both languages: only a BreachkitError may come back.
func exercise(_ inc: Incident, kinds: [ReportKind] = allKinds) throws {
    _ = inc.validate()
    do {
        _ = try assess(incident: inc, asOf: probeAsOf)
    } catch BreachkitError.InvalidDocument(_, let path, _) {
        // Refused before any work (duplicate ids, a parent cycle, a sequence out of range).
        try check(path.hasPrefix("/"), "path \(path)")
        return
    }
    for kind in kinds {
        for lang in [Lang.en, Lang.ja] {
            do {
                let d = try draftReport(incident: inc, kind: kind, lang: lang, asOf: probeAsOf)
                _ = try renderReport(drafts: d, format: .html, lang: lang)
            } catch is BreachkitError {
                // A typed refusal ("nothing to draft", an invalid document) is an answer.
            }
        }
    }
}

/// Runs `body` and fails when it takes longer than `limit` seconds (a hang, not a crash).
func timed(_ what: String, limit: Double, _ body: () throws -> Void) throws {
    let t = Date()
    try body()
    let took = Date().timeIntervalSince(t)
    try check(took < limit, "\(what) took \(took) s (limit \(limit) s)")
}

/// The examples, the scenarios, the error paths, the reports and the guide's examples.
func suiteTests() {

    // The examples read, validate without errors and assess.
    // Incident documents only: `*-history.json` is a revision history, not an incident.
    for ex in ((try? files(root + "/docs/examples", ".json")) ?? []).filter({ !$0.hasSuffix("-history.json") }) {
        test("example \((ex as NSString).lastPathComponent)") {
            let inc = try Incident.fromJson(json: try read(ex))
            let errors = inc.validate().filter { $0.severity == .error }
            try check(errors.isEmpty, "validation errors: \(errors.map { $0.code })")
            let a = try assess(incident: inc, asOf: try instant("2024-01-01T00:00:00Z"))
            try check(!a.obligations.isEmpty, "no obligations")
            try check(a.incident == inc.id(), "incident id")
            for o in a.obligations { try check(!o.citations.isEmpty, "\(o.id): no citations") }
        }
    }

    test("seiko final report is required, with its due date and PPC recipient") {
        let inc = try Incident.fromJson(json: try read(root + "/docs/examples/seiko-2023.json"))
        let asOf = try instant("2023-08-01T03:00:00Z")
        let a = try assess(incident: inc, asOf: asOf)
        try check(a.asOf == asOf, "asOf \(a.asOf)")
        guard let o = a.obligations.first(where: { $0.id == "swc/jp.appi/ppc-final" }) else {
            throw Failure(description: "no final report")
        }
        try check(o.status == .required, "status \(o.status)")
        try check(o.stage == .final, "stage \(o.stage)")
        try check(o.obligor == "swc", "obligor \(o.obligor)")
        try check(o.regime == "jp.appi", "regime \(o.regime)")
        try check(o.recipient.kind == "regulator", "recipient \(o.recipient.kind)")
        try check(o.deadline.due != nil, "no due instant")
        try check(o.citations.allSatisfy { $0.url.hasPrefix("http") }, "citation urls")
    }

    // The same scenarios and expectations as the Rust conformance tests.
    let scenarios = (try? files(root + "/tests/fixtures/scenarios", ".json")) ?? []
    test("scenario corpus is there") { try check(scenarios.count >= 20, "found \(scenarios.count)") }
    for file in scenarios {
        test("scenario \((file as NSString).lastPathComponent)") {
            let sc = try JSONDecoder().decode(JSON.self, from: Data(try read(file).utf8))
            let errs = try runScenario(root: root, sc)
            try check(errs.isEmpty, errs.joined(separator: "; "))
        }
    }

    // Error paths are typed, and never quote the document.
    test("bad JSON is InvalidDocument") {
        do {
            _ = try Incident.fromJson(json: "{\"id\": \"Jane Doe\"")
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidDocument(_, _, let rule) {
            try check(!rule.contains("Jane"), rule)
        }
    }
    test("an invalid value is InvalidDocument with its path, without the value") {
        let doc = #"{"schema_version": "0.1", "id": "x", "organisations": [{"id": "a", "name": "n", "country": "Jane Doe"}]}"#
        do {
            _ = try Incident.fromJson(json: doc)
            throw Failure(description: "no error")
        } catch let e as BreachkitError {
            guard case .InvalidDocument(_, let path, let rule) = e else { throw Failure(description: "\(e)") }
            try check(path == "/organisations/0/country", "path \(path)")
            try check(!rule.contains("Jane") && !e.localizedDescription.contains("Jane"), rule)
        }
    }
    test("an unknown schema version is InvalidDocument") {
        do {
            _ = try Incident.fromJson(json: #"{"schema_version": "99", "id": "x"}"#)
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidDocument(_, _, let rule) {
            try check(!rule.isEmpty, "empty rule")
        }
    }
    test("validate reports problems with codes and pointers") {
        let doc = #"{"schema_version": "0.1", "id": "x", "organisations": [{"id": "a", "name": "n", "country": "JP", "parent": "zz"}]}"#
        let p = try Incident.fromJson(json: doc).validate().first { $0.code == "unknown_entity" }
        try check(p?.path == "/organisations/0/parent" && p?.severity == .error, "\(String(describing: p))")
    }
    test("an instant out of chrono's range is InvalidValue") {
        let inc = try Incident.fromJson(json: try read(root + "/docs/examples/seiko-2023.json"))
        do {
            _ = try assess(incident: inc, asOf: Date(timeIntervalSince1970: 1e17))
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidValue(_, _, let rule) {
            try check(rule.contains("out of range"), rule)
        }
    }

    // Report drafting: the same drafts as `breachkit report` (crates/breachkit-report).
    func seiko() throws -> Incident {
        try Incident.fromJson(json: try read(root + "/docs/examples/seiko-2023.json"))
    }
    let reportAsOf = "2023-10-25T12:00:00+09:00"

    test("seiko announcement in English is the third report") {
        let d = try draftReport(incident: try seiko(), kind: .announcement, lang: .en, asOf: try instant(reportAsOf))
        try check(d.count == 1, "\(d.count) drafts")
        try check(d[0].title == "Regarding Our Recent Data Breach (Third Report)", d[0].title)
        try check(d[0].kind == .announcement && d[0].lang == .en, "\(d[0].kind) \(d[0].lang)")
        let md = try renderReport(drafts: d, format: .markdown, lang: .en)
        try check(md.contains("Regarding Our Recent Data Breach (Third Report)"), md)
    }
    test("seiko announcement in Japanese is 第3報") {
        let d = try draftReport(incident: try seiko(), kind: .announcement, lang: .ja, asOf: try instant(reportAsOf))
        try check(d.count == 1 && d[0].title.contains("第3報"), "\(d.map { $0.title })")
        let html = try renderReport(drafts: d, format: .html, lang: .ja)
        try check(html.contains("第3報"), "html")
    }
    test("PPC final: one draft per entity, nine items (item 8 split into done and planned), the missing count") {
        let d = try draftReport(incident: try seiko(), kind: .ppcFinal, lang: .en, asOf: try instant(reportAsOf))
        try check(d.map { $0.entity ?? "-" } == ["sgc", "swc", "sii"], "\(d.map { $0.entity })")
        for x in d {
            try check(x.kind == .ppcFinal, "kind \(x.kind)")
            try check(x.sections.count == 10, "\(x.entity ?? "-"): \(x.sections.count) sections")
            try check(x.missing.contains { $0.path.hasSuffix("/count") }, "\(x.missing)")
            try check(x.mustBeComplete && !x.complete, "complete \(x.complete)")
            let fields = try JSONDecoder().decode(JSON.self, from: Data(x.fields.utf8))
            guard case .object(let o) = fields, !o.isEmpty else { throw Failure(description: "fields \(x.fields)") }
        }
        let json = try JSONDecoder().decode(JSON.self, from: Data(try renderReport(drafts: d, format: .json, lang: .en).utf8))
        try check(json.array?.count == 3, "json")
    }
    test("an unknown entity or group is a typed Report error, without the id") {
        for (entity, group) in [("Jane Doe", nil), (nil, "Jane Doe")] as [(String?, String?)] {
            do {
                _ = try draftReport(incident: try seiko(), kind: .individualNotice, lang: .en,
                                    asOf: try instant(reportAsOf), entity: entity, group: group)
                throw Failure(description: "no error")
            } catch BreachkitError.Report(let rule) {
                try check(!rule.isEmpty && !rule.contains("Jane"), rule)
            }
        }
    }
    test("fields that are not a JSON object are InvalidValue") {
        var d = try draftReport(incident: try seiko(), kind: .ppcFinal, lang: .en, asOf: try instant(reportAsOf), entity: "swc")
        try check(d.count == 1, "\(d.count) drafts")
        d[0].fields = "[\"Jane Doe\"]"
        do {
            _ = try renderReport(drafts: d, format: .json, lang: .en)
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidValue(_, _, let rule) {
            try check(rule.contains("fields") && !rule.contains("Jane"), rule)
        }
    }

    let probeFiles = ((try? FileManager.default.contentsOfDirectory(atPath: probeDir)) ?? []).sorted()
    test("probe reproducers are there") { try check(probeFiles.count >= 8, "found \(probeFiles)") }
    for f in probeFiles where (f.hasSuffix(".json") || f.hasSuffix(".toml")) && !f.hasPrefix("rules-") {
        test("probe \(f) ends in a value or a typed error") {
            try timed(f, limit: 5) {
                if let inc = try readIncident(try read(probeDir + "/" + f), toml: f.hasSuffix(".toml")) {
                    try exercise(inc)
                }
            }
        }
    }
    test("probe D7: a duplicate JSON key is InvalidDocument at the object's pointer") {
        do {
            _ = try Incident.fromJson(json: try read(probeDir + "/duplicate-key.json"))
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidDocument(_, let path, _) {
            try check(path == "/id", "path \(path)")
        }
    }
    test("probe D7: TOML nan is InvalidDocument, never absent") {
        do {
            _ = try Incident.fromToml(toml: try read(probeDir + "/toml-nan-dropped.toml"))
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidDocument(_, let path, _) {
            try check(path.hasPrefix("/"), "path \(path)")
        }
    }
    test("probe D1: the announcement number overflow is refused with the field") {
        let inc = try Incident.fromJson(json: try read(probeDir + "/announcement-sequence-overflow.json"))
        do {
            _ = try draftReport(incident: inc, kind: .announcement, lang: .en, asOf: probeAsOf)
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidDocument(_, let path, _) {
            try check(path == "/reports/0/sequence", "path \(path)")
        }
    }
    for f in probeFiles where f.hasPrefix("rules-") {
        test("probe D8: \(f) is a Rules error naming the file and the condition's pointer") {
            do {
                _ = try assessWith(incident: try seiko(), asOf: probeAsOf, lang: "en", entity: nil,
                                   ruleFiles: [[f, try read(probeDir + "/" + f)]])
                throw Failure(description: "no error")
            } catch BreachkitError.Rules(let rule) {
                try check(rule.contains(f) && rule.contains("/when/"), rule)
            }
        }
    }

    // Every input a fuzz target ever crashed on (kept by `cargo xtask fuzz`), as JSON and as TOML.
    let fuzzDir = root + "/tests/fixtures/fuzz"
    for target in ((try? FileManager.default.contentsOfDirectory(atPath: fuzzDir)) ?? []).sorted() {
        let dir = fuzzDir + "/" + target
        for f in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
            test("fuzz regression \(target)/\(f)") {
                guard let data = FileManager.default.contents(atPath: dir + "/" + f),
                      let text = String(data: data, encoding: .utf8) else { return }
                try timed(f, limit: 5) {
                    for toml in [false, true] {
                        if let inc = try readIncident(text, toml: toml) { try exercise(inc) }
                    }
                }
            }
        }
    }

    // The probe's generated shapes at the write-up's sizes, when written by hand
    // (python3 tests/fixtures/probe/gen_slow_inputs.py target/probe-large). Not in `cargo xtask test`:
    // through the debug library on a loaded machine several take 8-100 s (parent-chain-100000,
    // many-holders-2000), over the 5 s limit; see docs/design.md.
    let largeDir = root + "/target/probe-large"
    for f in ((try? files(largeDir, ".json")) ?? []) {
        let name = (f as NSString).lastPathComponent
        test("probe large \(name) ends in a value or a typed error") {
            let many = name.hasPrefix("many-holders") || name.hasPrefix("duplicate-org-ids")
            try timed(name, limit: 5) {
                if let inc = try readIncident(try read(f), toml: false) {
                    try check(inc.validate().count <= 1001, "problems are capped")
                    try exercise(inc, kinds: many ? [.individualNotice] : [])
                }
            }
        }
    }

    // The guide's example (docs/guide/swift.md quotes Guide.swift).
    test("guide example") {
        let lines = dueList(json: try read(root + "/docs/examples/seiko-2023.json"),
                            asOf: try instant("2023-08-01T12:00:00+09:00"))
        try check(lines.contains { $0.hasPrefix("swc/jp.appi/ppc-final: ") }, "\(lines)")
        let bad = dueList(json: "{", asOf: Date())
        try check(bad.count == 1 && bad[0].hasPrefix("cannot read"), "\(bad)")
        let md = announcementMarkdown(json: try read(root + "/docs/examples/seiko-2023.json"),
                                      asOf: try instant(reportAsOf))
        try check(md.hasPrefix("# Regarding Our Recent Data Breach (Third Report)"), md)
    }


}
