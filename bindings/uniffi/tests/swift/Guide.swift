// Quoted verbatim in docs/guide/swift.md; compiled and run by `cargo xtask test`.
import BreachKit
import Foundation

/// Reads an incident, validates it and lists what is due, one line per obligation.
func dueList(json: String, asOf: Date) -> [String] {
    let incident: Incident
    do {
        incident = try Incident.fromJson(json: json)
    } catch BreachkitError.InvalidDocument(_, let path, let rule) {
        // `path` is a JSON pointer; `rule` names the rule, never the value.
        return ["cannot read \(path): \(rule)"]
    } catch {
        return ["unexpected error: \(error)"]
    }
    let errors = incident.validate().filter { $0.severity == .error }
    if !errors.isEmpty {
        return errors.map { "\($0.code) at \($0.path)" }
    }
    do {
        return try assess(incident: incident, asOf: asOf).obligations
            .filter { $0.status == .required }
            .map { "\($0.id): \($0.deadline.dueLocal ?? $0.deadline.standard)" }
    } catch {
        return ["cannot assess: \(error)"]
    }
}

/// Drafts the public announcement as of an instant, as Markdown (`.html` and `.json` also work).
func announcementMarkdown(json: String, asOf: Date) -> String {
    do {
        let incident = try Incident.fromJson(json: json)
        let drafts = try draftReport(incident: incident, kind: .announcement, lang: .en, asOf: asOf)
        // Each draft lists the required items still missing, with a JSON pointer to fill them.
        let todo = drafts.flatMap { $0.missing.map { "<!-- missing: \($0.label) at \($0.path) -->" } }
        return try renderReport(drafts: drafts, format: .markdown, lang: .en)
            + todo.joined(separator: "\n")
    } catch BreachkitError.Report(let rule) {
        // An unknown entity or group, or nothing to draft.
        return "cannot draft: \(rule)"
    } catch {
        return "cannot draft: \(error)"
    }
}
