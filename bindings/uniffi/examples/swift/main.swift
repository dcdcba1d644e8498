// A form-like flow in Swift: build an incident from what a form collected (no JSON), check it,
// assess it and print the deadlines in Japanese and English. Quoted in docs/guide/swift.md;
// built and run by `cargo xtask test` (`swift run BreachKitExample`).
import BreachKit
import Foundation

// 1. What the form collected: who, when (known to the day), what, about how many.
var incident = try newIncident(id: "acme-2024-04")
incident.timeZone = "Asia/Tokyo"
incident.organisations = [Organisation(id: "acme", name: "Acme KK", country: "JP")]
incident.timeline = [Event(kind: .detected, at: PartialTime(year: 2024, month: 4, day: 26))]
incident.breach.nature = [.confidentiality]
incident.breach.causes = [.unauthorisedAccess]
var customers = try newGroup(id: "customers", kind: .customers)
customers.holders = [Holding(entity: "acme", role: .controller)]
customers.count = .approximate(value: 5000)
customers.categories = [.name, .emailAddress]
incident.groups = [customers]

// 2. Check it: a value that breaks its rule throws BreachkitError (code, path, rule), and
//    validate() lists every problem of the whole incident.
let checked = try Incident.fromData(data: incident)
let errors = checked.validate().filter { $0.severity == .error }
guard errors.isEmpty else {
    for p in errors { print("\(p.code) at \(p.path)") }
    exit(1)
}

// 3. Assess as of an instant (the engine never reads the clock) and list what is due.
let asOf = ISO8601DateFormatter().date(from: "2024-04-30T09:00:00+09:00")!
for lang in ["ja", "en"] {
    let assessment = try assessWith(incident: checked, asOf: asOf, lang: lang, entity: nil, ruleFiles: [])
    for o in assessment.obligations where o.status == .required {
        print("[\(lang)] \(o.name): \(o.deadline.dueLocal ?? o.deadline.standard)")
    }
}
