// Quoted verbatim in docs/guide/kotlin.md; compiled and run by `cargo xtask test`.
import dev.breachkit.BreachkitException
import dev.breachkit.Format
import dev.breachkit.Incident
import dev.breachkit.Lang
import dev.breachkit.ReportKind
import dev.breachkit.Severity
import dev.breachkit.Status
import dev.breachkit.assess
import dev.breachkit.draftReport
import dev.breachkit.renderReport
import java.time.Instant

/** Reads an incident, validates it and lists what is due, one line per obligation. */
fun dueList(json: String, asOf: Instant): List<String> {
    val incident = try {
        Incident.fromJson(json)
    } catch (e: BreachkitException.InvalidDocument) {
        // `path` is a JSON pointer; `rule` names the rule, never the value.
        return listOf("cannot read ${e.path}: ${e.rule}")
    }
    incident.use {
        val errors = it.validate().filter { p -> p.severity == Severity.ERROR }
        if (errors.isNotEmpty()) return errors.map { p -> "${p.code} at ${p.path}" }
        return assess(it, asOf).obligations
            .filter { o -> o.status == Status.REQUIRED }
            .map { o -> "${o.id}: ${o.deadline.dueLocal ?: o.deadline.standard}" }
    }
}

/** Drafts the public announcement as of an instant, as Markdown (HTML and JSON also work). */
fun announcementMarkdown(json: String, asOf: Instant): String = try {
    Incident.fromJson(json).use { incident ->
        val drafts = draftReport(incident, ReportKind.ANNOUNCEMENT, Lang.EN, asOf)
        // Each draft lists the required items still missing, with a JSON pointer to fill them.
        val todo = drafts.flatMap { d -> d.missing.map { m -> "<!-- missing: ${m.label} at ${m.path} -->" } }
        renderReport(drafts, Format.MARKDOWN, Lang.EN) + todo.joinToString("\n")
    }
} catch (e: BreachkitException.Report) {
    // An unknown entity or group, or nothing to draft.
    "cannot draft: ${e.rule}"
}
