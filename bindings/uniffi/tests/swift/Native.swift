// The native model from Swift: an incident built field by field (no JSON), read, edited,
// written and assessed; every example and scenario through native values and back; checked
// values that raise typed errors. Run by XCTestSuite.swift (`swift test`).
import BreachKit
import Foundation

/// A time known to the day.
func day(_ y: Int32, _ m: UInt8, _ d: UInt8) -> PartialTime { PartialTime(year: y, month: m, day: d) }

/// The Seiko incident of docs/examples/seiko-2023.json, built as a form would build it.
func seikoNatively() throws -> IncidentData {
    var inc = try newIncident(id: "seiko-2023")
    inc.title = "Seiko Group ransomware attack and personal-data breach (2023)"
    inc.summary = "On 2023-07-28 Seiko Group detected unauthorized access to some of its servers, which later turned into a ransomware attack by a third party. About 60,000 items of personal data held by Seiko Group Corporation, Seiko Watch Corporation and Seiko Instruments Inc. were compromised: customers of SWC, business contacts of all three companies, job applicants of SGC and SWC, and current and former employees of SGC and its group companies. The incident was reported to the Personal Information Protection Committee and the Tokyo Metropolitan Police, and announced publicly in three reports (2023-08-10, 2023-08-22, 2023-10-25)."
    inc.timeZone = "Asia/Tokyo"
    inc.organisations = [
        Organisation(id: "sgc", name: "Seiko Group Corporation", localName: "セイコーグループ株式会社", shortName: "SGC", country: "JP", contacts: [Contact(kind: .email, value: "privacy@seiko.co.jp", audience: "people affiliated with Seiko Group Corporation")], notes: "Parent company; posted the public reports."),
        Organisation(id: "swc", name: "Seiko Watch Corporation", localName: "セイコーウオッチ株式会社", shortName: "SWC", country: "JP", parent: "sgc", contacts: [Contact(kind: .email, value: "yserv@seiko-watch.co.jp", audience: "people affiliated with Seiko Watch Corporation")]),
        Organisation(id: "sii", name: "Seiko Instruments Inc.", localName: "セイコーインスツル株式会社", shortName: "SII", country: "JP", parent: "sgc", contacts: [Contact(kind: .webForm, value: "https://krs.bz/sii/m/sii_inquiry_en", audience: "people affiliated with Seiko Instruments Inc.")])
    ]
    inc.timeline = [
        Event(kind: .detected, at: day(2023, 7, 28), note: "Unauthorized access to some of the group's servers detected."),
        Event(kind: .investigationStarted, after: day(2023, 7, 28), before: day(2023, 10, 25), note: "Emergency inspection of all servers started 'immediately' after detection, with cybersecurity experts; emergency response team established."),
        Event(kind: .escalated, after: day(2023, 7, 28), before: day(2023, 10, 25), note: "The unauthorized access 'later turned into a ransomware attack' by a third party; the seed gives no date."),
        Event(kind: .scopeDetermined, before: day(2023, 10, 25), note: "A comprehensive review by the company and cybersecurity experts confirmed about 60,000 items of personal data compromised; identification of the scope continues.")
    ]
    inc.breach.nature = [.confidentiality, .availability]
    inc.breach.causes = [.unauthorisedAccess, .ransomware]
    inc.breach.wrongfulPurpose = .yes
    inc.breach.exfiltration = .confirmed
    inc.breach.systems = ["some servers of the group"]
    inc.breach.description = "Unauthorized access by a third party to some servers, later a ransomware attack. Personal data of four groups was compromised ('leaked', in the report's words)."
    inc.groups = [
        AffectedGroup(id: "swc-customers", kind: .customers, label: "SWC customers", holders: [Holding(entity: "swc", role: .controller)], count: .unknown(reason: .toBeDetermined), categories: [.name, .postalAddress, .phoneNumber, .emailAddress], notAffected: [.paymentCardNumber, .paymentCardSecurityCode, .paymentCardExpiry], contactDetailsAvailable: .yes, includesChildren: .unknown, vulnerable: .unknown, identifiability: .unknown, volumePerPerson: .unknown, notes: "Names, addresses, telephone numbers and/or email addresses. Credit card information was not compromised.", categoriesVary: .yes, knownSince: day(2023, 10, 25)),
        AffectedGroup(id: "business-contacts", kind: .businessContacts, label: "Contacts at business counterparties of SGC, SWC and/or SII", holders: [Holding(entity: "sgc", role: .controller), Holding(entity: "swc", role: .controller), Holding(entity: "sii", role: .controller)], count: .unknown(reason: .toBeDetermined), categories: [.name, .organisationAffiliation, .jobTitle, .businessContactDetails], contactDetailsAvailable: .yes, includesChildren: .unknown, vulnerable: .unknown, identifiability: .unknown, volumePerPerson: .unknown, notes: "Name, company affiliation, job title, company address, company phone number and/or company email address.", categoriesVary: .yes, knownSince: day(2023, 10, 25)),
        AffectedGroup(id: "job-applicants", kind: .jobApplicants, label: "Applicants for employment with SGC and/or SWC", holders: [Holding(entity: "sgc", role: .controller), Holding(entity: "swc", role: .controller)], count: .unknown(reason: .toBeDetermined), categories: [.name, .postalAddress, .phoneNumber, .emailAddress, .education], contactDetailsAvailable: .yes, includesChildren: .unknown, vulnerable: .unknown, identifiability: .unknown, volumePerPerson: .unknown, notes: "Names, addresses, phone numbers, email addresses and/or educational background.", categoriesVary: .yes, knownSince: day(2023, 10, 25)),
        AffectedGroup(id: "employees", kind: .currentAndFormerEmployees, label: "Current and former employees of SGC and its group companies", holders: [Holding(entity: "sgc", role: .controller)], count: .unknown(reason: .toBeDetermined), categories: [.name, .emailAddress], contactDetailsAvailable: .unknown, includesChildren: .unknown, vulnerable: .unknown, identifiability: .unknown, volumePerPerson: .unknown, notes: "Personnel information: names and/or email addresses. The report says the data is 'for ... employees of SGC and its group companies'; which company holds it in which role (own data or held for the subsidiaries) is not stated, so SGC is recorded as controller.", categoriesVary: .yes, knownSince: day(2023, 10, 25))
    ]
    inc.totals = Totals(records: .approximate(value: 60000), knownSince: day(2023, 10, 25))
    inc.measures = [
        Measure(kind: .responseTeam, status: .taken, description: "Emergency response team established immediately."),
        Measure(kind: .externalExperts, status: .taken, description: "Coordinated with professional cybersecurity experts."),
        Measure(kind: .investigation, status: .taken, description: "Emergency inspection of all servers; investigation of the extent of the breach."),
        Measure(kind: .isolation, status: .taken, description: "External communication with the affected servers temporarily blocked."),
        Measure(kind: .systemRestoration, status: .inProgress, description: "Clean system restoration initiated."),
        Measure(kind: .edr, status: .taken, description: "EDR installed on all servers and PCs to detect unauthorized activity."),
        Measure(kind: .mfa, status: .taken, description: "Multi-factor authentication implemented, among other measures, to prevent further breaches."),
        Measure(kind: .vulnerabilityReview, status: .planned, description: "Review all IT operations and systems, and check for vulnerabilities therein.", knownSince: day(2023, 10, 25)),
        Measure(kind: .scopeIdentification, status: .planned, description: "Identify the scope of the data breach.", knownSince: day(2023, 10, 25)),
        Measure(kind: .rootCauseAnalysis, status: .planned, description: "Assess the cause and full picture of the incident.", knownSince: day(2023, 10, 25)),
        Measure(kind: .monitoringEnhancement, status: .planned, description: "Enhance system security and monitoring.", knownSince: day(2023, 10, 25)),
        Measure(kind: .governance, status: .planned, description: "Strengthen corporate governance throughout the Group.", knownSince: day(2023, 10, 25)),
        Measure(kind: .bcpReview, status: .planned, description: "Review the Business Continuity Plan (BCP).", knownSince: day(2023, 10, 25)),
        Measure(kind: .thirdPartyAssessment, status: .planned, description: "Implement third-party assessments and other measures to prevent any recurrence.", knownSince: day(2023, 10, 25))
    ]
    inc.reports = [
        ReportRecord(id: "ppc", by: ["sgc", "swc", "sii"], recipient: Recipient(kind: "regulator", body: "jp.ppc", name: "Personal Information Protection Committee"), kind: .unspecified, before: day(2023, 10, 25), status: .done, note: "The third public report says 'we also reported the incident' to the PPC. Which company filed, whether jointly, at which stage (preliminary or final) and on which date are not stated."),
        ReportRecord(id: "police", by: ["sgc"], recipient: Recipient(kind: "police", body: "jp.police.tokyo-mpd", name: "Tokyo Metropolitan Police Department"), kind: .crimeReport, before: day(2023, 10, 25), status: .done, note: "Reported to the Tokyo Metropolitan Police; date and reporting entity not stated."),
        ReportRecord(id: "announcement-1", by: ["sgc"], recipient: Recipient(kind: "public"), kind: .announcement, sequence: 1, at: day(2023, 8, 10), status: .done, url: "https://www.seiko.co.jp/en/information/202308101100.html", language: "en"),
        ReportRecord(id: "announcement-2", by: ["sgc"], recipient: Recipient(kind: "public"), kind: .announcement, sequence: 2, at: day(2023, 8, 22), status: .done, url: "https://www.seiko.co.jp/en/information/202308221300.html", language: "en"),
        ReportRecord(id: "announcement-3", by: ["sgc"], recipient: Recipient(kind: "public"), kind: .announcement, sequence: 3, at: day(2023, 10, 25), status: .done, title: "Regarding Our Recent Data Breach (Third Report)", language: "en"),
        ReportRecord(id: "individual-outreach", by: ["sgc", "swc", "sii"], recipient: Recipient(kind: "individuals"), kind: .notice, before: day(2023, 10, 25), status: .inProgress, groups: ["swc-customers", "business-contacts", "job-applicants", "employees"], note: "'We have begun reaching out to each of the affected parties individually'; further leaks, if discovered, will be handled individually.")
    ]
    inc.sources = [
        Source(title: "Seiko Group Corporation: Regarding Our Recent Data Breach (Third Report)", date: day(2023, 10, 25)),
        Source(title: "Seiko Group Corporation: first report on the unauthorized access", url: "https://www.seiko.co.jp/en/information/202308101100.html", date: day(2023, 8, 10)),
        Source(title: "Seiko Group Corporation: second report", url: "https://www.seiko.co.jp/en/information/202308221300.html", date: day(2023, 8, 22))
    ]
    inc.notes = "Modelled from the third public report only. Open in the source: per-company and per-group person counts (only about 60,000 items in total is given), residence of the people, the date the companies became aware of a personal-data leak (as opposed to detecting the access), the dates and stages of the PPC report, and whether any data was encrypted."
    return inc
}

/// The obligations `breachkit assess docs/examples/seiko-2023.json` lists (the CLI's order).
let seikoObligations = [
    "sgc/jp.appi/ppc-preliminary", "sgc/jp.appi/ppc-final", "sgc/jp.appi/individual-notice",
    "swc/jp.appi/ppc-preliminary", "swc/jp.appi/ppc-final", "swc/jp.appi/individual-notice",
    "sii/jp.appi/ppc-preliminary", "sii/jp.appi/ppc-final", "sii/jp.appi/individual-notice",
]

func nativeTests(root: String) {
    let seikoPath = root + "/docs/examples/seiko-2023.json"

    test("native: seiko built field by field equals the document and assesses the same") {
        let built = try seikoNatively()
        let read = try Incident.fromJson(json: try read(seikoPath))
        try check(built == read.data(), "the native incident differs from the document")
        let inc = try Incident.fromData(data: built)
        try check(inc.toJson() == read.toJson(), "JSON differs")
        let asOf = try instant("2023-10-25T12:00:00+09:00")
        let a = try assess(incident: inc, asOf: asOf)
        let b = try assess(incident: read, asOf: asOf)
        try check(a == b, "assessments differ")
        try check(a.obligations.map { $0.id } == seikoObligations, "\(a.obligations.map { $0.id })")
    }

    test("native: read a field, edit it, write JSON and TOML, read them back") {
        var d = try Incident.fromJson(json: try read(seikoPath)).data()
        try check(d.groups[0].count == .unknown(reason: .toBeDetermined), "\(d.groups[0].count)")
        try check(d.organisations[1].localName == "セイコーウオッチ株式会社", "local name")
        try check(partialTimePrecision(time: d.timeline[0].at!) == .day, "precision")
        d.groups[0].count = .approximate(value: 20000)
        d.groups[0].categories.append(.custom("loyalty_points"))
        d.groups[0].residence = [Residence(jurisdiction: "JP-13", count: .atLeast(value: 100))]
        let edited = try Incident.fromData(data: d)
        let json = edited.toJson()
        try check(json.contains("\"other:loyalty_points\"") && json.contains("\"approximate\""), json)
        try check(try Incident.fromJson(json: json).data() == d, "JSON round trip")
        try check(try Incident.fromToml(toml: try edited.toToml()).data() == d, "TOML round trip")
        try check(try describeCount(count: d.groups[0].count) == "about 20000", "describe")
        try check(try dataCategoryFromCode(code: "other:loyalty_points") == .custom("loyalty_points"), "code")
    }

    // JSON -> native -> JSON: the canonical JSON is byte for byte the same.
    var docs: [(String, String)] = []
    for ex in ((try? files(root + "/docs/examples", ".json")) ?? []).filter({ !$0.hasSuffix("-history.json") }) {
        docs.append((ex, (try? read(ex)) ?? ""))
    }
    for file in (try? files(root + "/tests/fixtures/scenarios", ".json")) ?? [] {
        if let sc = try? JSONDecoder().decode(JSON.self, from: Data(((try? read(file)) ?? "").utf8)),
           let inline = sc["incident"], let data = try? JSONEncoder().encode(inline) {
            docs.append((file, String(decoding: data, as: UTF8.self)))
        }
    }
    test("native: the round-trip corpus is there") { try check(docs.count > 150, "\(docs.count)") }
    for (name, text) in docs {
        test("native: round trip \((name as NSString).lastPathComponent)") {
            let read = try Incident.fromJson(json: text)
            let back = try Incident.fromData(data: read.data())
            try check(back.toJson() == read.toJson(), "JSON differs after the native round trip")
        }
    }

    // Checked values: an invalid one is a typed error with its code, never a crash or the value.
    func expectInvalid(_ code: String, _ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
            throw Failure(description: "no error")
        } catch BreachkitError.InvalidValue(let c, let p, let rule) {
            try check(c == code && p == path, "\(c) at \(p)")
            try check(!rule.contains("Jane"), rule)
        } catch BreachkitError.InvalidDocument(let c, let p, let rule) {
            try check(c == code && p == path, "\(c) at \(p)")
            try check(!rule.contains("Jane"), rule)
        }
    }
    test("native: an invalid identifier is InvalidValue invalid_id") {
        var d = try newIncident(id: "x")
        d.organisations = [Organisation(id: "Jane Doe", name: "n", country: "JP")]
        try expectInvalid("invalid_id", "") { _ = try Incident.fromData(data: d) }
        try expectInvalid("invalid_id", "") { _ = try newIncident(id: "Jane Doe") }
    }
    test("native: an invalid country, custom code, zone or time is InvalidValue with its code") {
        var d = try newIncident(id: "x")
        d.organisations = [Organisation(id: "a", name: "n", country: "Jane")]
        try expectInvalid("invalid_country", "") { _ = try Incident.fromData(data: d) }
        d = try newIncident(id: "x")
        d.timeZone = "Jane/Doe"
        try expectInvalid("invalid_time_zone", "") { _ = try Incident.fromData(data: d) }
        try expectInvalid("invalid_code", "") { _ = try dataCategoryCode(category: .custom("Jane Doe")) }
        try expectInvalid("invalid_time", "") { _ = try partialTimePrecision(time: day(2023, 6, 31)) }
        try expectInvalid("invalid_time", "") {
            _ = try partialTimePrecision(time: PartialTime(year: 2023, month: 7, day: 28, hour: 9))
        }
    }
    test("native: an inverted count range is InvalidDocument at its pointer") {
        var d = try newIncident(id: "x")
        var g = try newGroup(id: "g", kind: .customers)
        g.count = .range(min: 5, max: 4)
        d.groups = [g]
        try expectInvalid("shape", "/groups/0/count") { _ = try Incident.fromData(data: d) }
    }
}
