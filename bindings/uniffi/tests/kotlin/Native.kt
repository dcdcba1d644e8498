// The native model from Kotlin: an incident built field by field (no JSON), read, edited,
// written and assessed; every example and scenario through native values and back; checked
// values that raise typed exceptions. Run by BreachKitTest.kt (JUnit 5).
import dev.breachkit.*
import java.io.File

/** A time known to the day. */
fun day(y: Int, m: Int, d: Int): PartialTime = PartialTime(year = y, month = m.toUByte(), day = d.toUByte())

/** The Seiko incident of docs/examples/seiko-2023.json, built as a form would build it. */
fun seikoNatively(): IncidentData {
    val inc = newIncident("seiko-2023")
    inc.title = "Seiko Group ransomware attack and personal-data breach (2023)"
    inc.summary = "On 2023-07-28 Seiko Group detected unauthorized access to some of its servers, which later turned into a ransomware attack by a third party. About 60,000 items of personal data held by Seiko Group Corporation, Seiko Watch Corporation and Seiko Instruments Inc. were compromised: customers of SWC, business contacts of all three companies, job applicants of SGC and SWC, and current and former employees of SGC and its group companies. The incident was reported to the Personal Information Protection Committee and the Tokyo Metropolitan Police, and announced publicly in three reports (2023-08-10, 2023-08-22, 2023-10-25)."
    inc.timeZone = "Asia/Tokyo"
    inc.organisations = listOf(
        Organisation(id = "sgc", name = "Seiko Group Corporation", localName = "セイコーグループ株式会社", shortName = "SGC", country = "JP", contacts = listOf(Contact(kind = ContactKind.Email, value = "privacy@seiko.co.jp", audience = "people affiliated with Seiko Group Corporation")), notes = "Parent company; posted the public reports."),
        Organisation(id = "swc", name = "Seiko Watch Corporation", localName = "セイコーウオッチ株式会社", shortName = "SWC", country = "JP", parent = "sgc", contacts = listOf(Contact(kind = ContactKind.Email, value = "yserv@seiko-watch.co.jp", audience = "people affiliated with Seiko Watch Corporation"))),
        Organisation(id = "sii", name = "Seiko Instruments Inc.", localName = "セイコーインスツル株式会社", shortName = "SII", country = "JP", parent = "sgc", contacts = listOf(Contact(kind = ContactKind.WebForm, value = "https://krs.bz/sii/m/sii_inquiry_en", audience = "people affiliated with Seiko Instruments Inc.")))
    )
    inc.timeline = listOf(
        Event(kind = EventKind.Detected, at = day(2023, 7, 28), note = "Unauthorized access to some of the group's servers detected."),
        Event(kind = EventKind.InvestigationStarted, after = day(2023, 7, 28), before = day(2023, 10, 25), note = "Emergency inspection of all servers started 'immediately' after detection, with cybersecurity experts; emergency response team established."),
        Event(kind = EventKind.Escalated, after = day(2023, 7, 28), before = day(2023, 10, 25), note = "The unauthorized access 'later turned into a ransomware attack' by a third party; the seed gives no date."),
        Event(kind = EventKind.ScopeDetermined, before = day(2023, 10, 25), note = "A comprehensive review by the company and cybersecurity experts confirmed about 60,000 items of personal data compromised; identification of the scope continues.")
    )
    inc.breach.nature = listOf(Nature.CONFIDENTIALITY, Nature.AVAILABILITY)
    inc.breach.causes = listOf(Cause.UnauthorisedAccess, Cause.Ransomware)
    inc.breach.wrongfulPurpose = Tristate.YES
    inc.breach.exfiltration = Exfiltration.CONFIRMED
    inc.breach.systems = listOf("some servers of the group")
    inc.breach.description = "Unauthorized access by a third party to some servers, later a ransomware attack. Personal data of four groups was compromised ('leaked', in the report's words)."
    inc.groups = listOf(
        AffectedGroup(id = "swc-customers", kind = GroupKind.Customers, label = "SWC customers", holders = listOf(Holding(entity = "swc", role = Role.CONTROLLER)), count = Count.Unknown(UnknownReason.TO_BE_DETERMINED), categories = listOf(DataCategory.Name, DataCategory.PostalAddress, DataCategory.PhoneNumber, DataCategory.EmailAddress), notAffected = listOf(DataCategory.PaymentCardNumber, DataCategory.PaymentCardSecurityCode, DataCategory.PaymentCardExpiry), contactDetailsAvailable = Tristate.YES, includesChildren = Tristate.UNKNOWN, vulnerable = Tristate.UNKNOWN, identifiability = Identifiability.UNKNOWN, volumePerPerson = DataVolume.UNKNOWN, notes = "Names, addresses, telephone numbers and/or email addresses. Credit card information was not compromised.", categoriesVary = Tristate.YES, knownSince = day(2023, 10, 25)),
        AffectedGroup(id = "business-contacts", kind = GroupKind.BusinessContacts, label = "Contacts at business counterparties of SGC, SWC and/or SII", holders = listOf(Holding(entity = "sgc", role = Role.CONTROLLER), Holding(entity = "swc", role = Role.CONTROLLER), Holding(entity = "sii", role = Role.CONTROLLER)), count = Count.Unknown(UnknownReason.TO_BE_DETERMINED), categories = listOf(DataCategory.Name, DataCategory.OrganisationAffiliation, DataCategory.JobTitle, DataCategory.BusinessContactDetails), contactDetailsAvailable = Tristate.YES, includesChildren = Tristate.UNKNOWN, vulnerable = Tristate.UNKNOWN, identifiability = Identifiability.UNKNOWN, volumePerPerson = DataVolume.UNKNOWN, notes = "Name, company affiliation, job title, company address, company phone number and/or company email address.", categoriesVary = Tristate.YES, knownSince = day(2023, 10, 25)),
        AffectedGroup(id = "job-applicants", kind = GroupKind.JobApplicants, label = "Applicants for employment with SGC and/or SWC", holders = listOf(Holding(entity = "sgc", role = Role.CONTROLLER), Holding(entity = "swc", role = Role.CONTROLLER)), count = Count.Unknown(UnknownReason.TO_BE_DETERMINED), categories = listOf(DataCategory.Name, DataCategory.PostalAddress, DataCategory.PhoneNumber, DataCategory.EmailAddress, DataCategory.Education), contactDetailsAvailable = Tristate.YES, includesChildren = Tristate.UNKNOWN, vulnerable = Tristate.UNKNOWN, identifiability = Identifiability.UNKNOWN, volumePerPerson = DataVolume.UNKNOWN, notes = "Names, addresses, phone numbers, email addresses and/or educational background.", categoriesVary = Tristate.YES, knownSince = day(2023, 10, 25)),
        AffectedGroup(id = "employees", kind = GroupKind.CurrentAndFormerEmployees, label = "Current and former employees of SGC and its group companies", holders = listOf(Holding(entity = "sgc", role = Role.CONTROLLER)), count = Count.Unknown(UnknownReason.TO_BE_DETERMINED), categories = listOf(DataCategory.Name, DataCategory.EmailAddress), contactDetailsAvailable = Tristate.UNKNOWN, includesChildren = Tristate.UNKNOWN, vulnerable = Tristate.UNKNOWN, identifiability = Identifiability.UNKNOWN, volumePerPerson = DataVolume.UNKNOWN, notes = "Personnel information: names and/or email addresses. The report says the data is 'for ... employees of SGC and its group companies'; which company holds it in which role (own data or held for the subsidiaries) is not stated, so SGC is recorded as controller.", categoriesVary = Tristate.YES, knownSince = day(2023, 10, 25))
    )
    inc.totals = Totals(records = Count.Approximate(60000uL), knownSince = day(2023, 10, 25))
    inc.measures = listOf(
        Measure(kind = MeasureKind.ResponseTeam, status = MeasureStatus.TAKEN, description = "Emergency response team established immediately."),
        Measure(kind = MeasureKind.ExternalExperts, status = MeasureStatus.TAKEN, description = "Coordinated with professional cybersecurity experts."),
        Measure(kind = MeasureKind.Investigation, status = MeasureStatus.TAKEN, description = "Emergency inspection of all servers; investigation of the extent of the breach."),
        Measure(kind = MeasureKind.Isolation, status = MeasureStatus.TAKEN, description = "External communication with the affected servers temporarily blocked."),
        Measure(kind = MeasureKind.SystemRestoration, status = MeasureStatus.IN_PROGRESS, description = "Clean system restoration initiated."),
        Measure(kind = MeasureKind.Edr, status = MeasureStatus.TAKEN, description = "EDR installed on all servers and PCs to detect unauthorized activity."),
        Measure(kind = MeasureKind.Mfa, status = MeasureStatus.TAKEN, description = "Multi-factor authentication implemented, among other measures, to prevent further breaches."),
        Measure(kind = MeasureKind.VulnerabilityReview, status = MeasureStatus.PLANNED, description = "Review all IT operations and systems, and check for vulnerabilities therein.", knownSince = day(2023, 10, 25)),
        Measure(kind = MeasureKind.ScopeIdentification, status = MeasureStatus.PLANNED, description = "Identify the scope of the data breach.", knownSince = day(2023, 10, 25)),
        Measure(kind = MeasureKind.RootCauseAnalysis, status = MeasureStatus.PLANNED, description = "Assess the cause and full picture of the incident.", knownSince = day(2023, 10, 25)),
        Measure(kind = MeasureKind.MonitoringEnhancement, status = MeasureStatus.PLANNED, description = "Enhance system security and monitoring.", knownSince = day(2023, 10, 25)),
        Measure(kind = MeasureKind.Governance, status = MeasureStatus.PLANNED, description = "Strengthen corporate governance throughout the Group.", knownSince = day(2023, 10, 25)),
        Measure(kind = MeasureKind.BcpReview, status = MeasureStatus.PLANNED, description = "Review the Business Continuity Plan (BCP).", knownSince = day(2023, 10, 25)),
        Measure(kind = MeasureKind.ThirdPartyAssessment, status = MeasureStatus.PLANNED, description = "Implement third-party assessments and other measures to prevent any recurrence.", knownSince = day(2023, 10, 25))
    )
    inc.reports = listOf(
        ReportRecord(id = "ppc", by = listOf("sgc", "swc", "sii"), recipient = Recipient(kind = "regulator", body = "jp.ppc", name = "Personal Information Protection Committee"), kind = ReportRecordKind.Unspecified, before = day(2023, 10, 25), status = ReportStatus.DONE, note = "The third public report says 'we also reported the incident' to the PPC. Which company filed, whether jointly, at which stage (preliminary or final) and on which date are not stated."),
        ReportRecord(id = "police", by = listOf("sgc"), recipient = Recipient(kind = "police", body = "jp.police.tokyo-mpd", name = "Tokyo Metropolitan Police Department"), kind = ReportRecordKind.CrimeReport, before = day(2023, 10, 25), status = ReportStatus.DONE, note = "Reported to the Tokyo Metropolitan Police; date and reporting entity not stated."),
        ReportRecord(id = "announcement-1", by = listOf("sgc"), recipient = Recipient(kind = "public"), kind = ReportRecordKind.Announcement, sequence = 1u, at = day(2023, 8, 10), status = ReportStatus.DONE, url = "https://www.seiko.co.jp/en/information/202308101100.html", language = "en"),
        ReportRecord(id = "announcement-2", by = listOf("sgc"), recipient = Recipient(kind = "public"), kind = ReportRecordKind.Announcement, sequence = 2u, at = day(2023, 8, 22), status = ReportStatus.DONE, url = "https://www.seiko.co.jp/en/information/202308221300.html", language = "en"),
        ReportRecord(id = "announcement-3", by = listOf("sgc"), recipient = Recipient(kind = "public"), kind = ReportRecordKind.Announcement, sequence = 3u, at = day(2023, 10, 25), status = ReportStatus.DONE, title = "Regarding Our Recent Data Breach (Third Report)", language = "en"),
        ReportRecord(id = "individual-outreach", by = listOf("sgc", "swc", "sii"), recipient = Recipient(kind = "individuals"), kind = ReportRecordKind.Notice, before = day(2023, 10, 25), status = ReportStatus.IN_PROGRESS, groups = listOf("swc-customers", "business-contacts", "job-applicants", "employees"), note = "'We have begun reaching out to each of the affected parties individually'; further leaks, if discovered, will be handled individually.")
    )
    inc.sources = listOf(
        Source(title = "Seiko Group Corporation: Regarding Our Recent Data Breach (Third Report)", date = day(2023, 10, 25)),
        Source(title = "Seiko Group Corporation: first report on the unauthorized access", url = "https://www.seiko.co.jp/en/information/202308101100.html", date = day(2023, 8, 10)),
        Source(title = "Seiko Group Corporation: second report", url = "https://www.seiko.co.jp/en/information/202308221300.html", date = day(2023, 8, 22))
    )
    inc.notes = "Modelled from the third public report only. Open in the source: per-company and per-group person counts (only about 60,000 items in total is given), residence of the people, the date the companies became aware of a personal-data leak (as opposed to detecting the access), the dates and stages of the PPC report, and whether any data was encrypted."
    return inc
}

/** The obligations `breachkit assess docs/examples/seiko-2023.json` lists (the CLI's order). */
val seikoObligations = listOf(
    "sgc/jp.appi/ppc-preliminary", "sgc/jp.appi/ppc-final", "sgc/jp.appi/individual-notice",
    "swc/jp.appi/ppc-preliminary", "swc/jp.appi/ppc-final", "swc/jp.appi/individual-notice",
    "sii/jp.appi/ppc-preliminary", "sii/jp.appi/ppc-final", "sii/jp.appi/individual-notice",
)

/** Runs `body`, which must throw InvalidValue or InvalidDocument with this code and path. */
fun expectInvalid(code: String, path: String, body: () -> Unit) {
    try {
        body()
        throw AssertionError("no error")
    } catch (e: BreachkitException.InvalidValue) {
        check(e.code == code && e.path == path) { "${e.code} at ${e.path}" }
        check(!e.rule.contains("Jane") && !(e.message ?: "").contains("Jane")) { e.rule }
    } catch (e: BreachkitException.InvalidDocument) {
        check(e.code == code && e.path == path) { "${e.code} at ${e.path}" }
        check(!e.rule.contains("Jane") && !(e.message ?: "").contains("Jane")) { e.rule }
    }
}

fun nativeTests(root: File, t: Tests) {
    val seiko = File(root, "docs/examples/seiko-2023.json")

    t.test("native: seiko built field by field equals the document and assesses the same") {
        val built = seikoNatively()
        Incident.fromJson(seiko.readText()).use { read ->
            check(built == read.data()) { "the native incident differs from the document" }
            Incident.fromData(built).use { inc ->
                check(inc.toJson() == read.toJson()) { "JSON differs" }
                val asOf = instant("2023-10-25T12:00:00+09:00")
                val a = assess(inc, asOf)
                check(a == assess(read, asOf)) { "assessments differ" }
                check(a.obligations.map { it.id } == seikoObligations) { "${a.obligations.map { it.id }}" }
            }
        }
    }

    t.test("native: read a field, edit it, write JSON and TOML, read them back") {
        val d = Incident.fromJson(seiko.readText()).use { it.data() }
        check(d.groups[0].count == Count.Unknown(UnknownReason.TO_BE_DETERMINED)) { "${d.groups[0].count}" }
        check(d.organisations[1].localName == "セイコーウオッチ株式会社") { "local name" }
        check(partialTimePrecision(d.timeline[0].at!!) == Precision.DAY) { "precision" }
        d.groups[0].count = Count.Approximate(20000uL)
        d.groups[0].categories = d.groups[0].categories + DataCategory.Custom("loyalty_points")
        d.groups[0].residence = listOf(Residence(jurisdiction = "JP-13", count = Count.AtLeast(100uL)))
        Incident.fromData(d).use { edited ->
            val json = edited.toJson()
            check(json.contains("\"other:loyalty_points\"") && json.contains("\"approximate\"")) { json }
            check(Incident.fromJson(json).use { it.data() } == d) { "JSON round trip" }
            check(Incident.fromToml(edited.toToml()).use { it.data() } == d) { "TOML round trip" }
        }
        check(describeCount(d.groups[0].count) == "about 20000") { "describe" }
        check(dataCategoryFromCode("other:loyalty_points") == DataCategory.Custom("loyalty_points")) { "code" }
    }

    // JSON -> native -> JSON: the canonical JSON is byte for byte the same.
    val docs = ArrayList<Pair<String, String>>()
    File(root, "docs/examples").listFiles { f -> f.name.endsWith(".json") && !f.name.endsWith("-history.json") }!!
        .sortedBy { it.name }.forEach { docs.add(it.name to it.readText()) }
    File(root, "tests/fixtures/scenarios").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }.forEach { f ->
        val inline = (JsonReader(f.readText()).read() as JObj).fields["incident"] as JObj?
        if (inline != null) docs.add(f.name to inline.raw)
    }
    t.test("native: the round-trip corpus is there") { check(docs.size > 150) { "${docs.size}" } }
    for ((name, text) in docs) {
        t.test("native: round trip $name") {
            Incident.fromJson(text).use { read ->
                Incident.fromData(read.data()).use { back ->
                    check(back.toJson() == read.toJson()) { "JSON differs after the native round trip" }
                }
            }
        }
    }

    t.test("native: an invalid identifier is InvalidValue invalid_id") {
        val d = newIncident("x")
        d.organisations = listOf(Organisation(id = "Jane Doe", name = "n", country = "JP"))
        expectInvalid("invalid_id", "") { Incident.fromData(d).close() }
        expectInvalid("invalid_id", "") { newIncident("Jane Doe") }
    }
    t.test("native: an invalid country, custom code, zone or time is InvalidValue with its code") {
        var d = newIncident("x")
        d.organisations = listOf(Organisation(id = "a", name = "n", country = "Jane"))
        expectInvalid("invalid_country", "") { Incident.fromData(d).close() }
        d = newIncident("x")
        d.timeZone = "Jane/Doe"
        expectInvalid("invalid_time_zone", "") { Incident.fromData(d).close() }
        expectInvalid("invalid_code", "") { dataCategoryCode(DataCategory.Custom("Jane Doe")) }
        expectInvalid("invalid_time", "") { partialTimePrecision(day(2023, 6, 31)) }
        expectInvalid("invalid_time", "") {
            partialTimePrecision(PartialTime(year = 2023, month = 7u, day = 28u, hour = 9u))
        }
    }
    t.test("native: an inverted count range is InvalidDocument at its pointer") {
        val d = newIncident("x")
        val g = newGroup("g", GroupKind.Customers)
        g.count = Count.Range(5uL, 4uL)
        d.groups = listOf(g)
        expectInvalid("shape", "/groups/0/count") { Incident.fromData(d).close() }
    }
}
