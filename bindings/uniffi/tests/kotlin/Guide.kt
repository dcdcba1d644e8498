// Quoted verbatim in docs/guide/kotlin.md; compiled and run by `cargo xtask test`.
import dev.breachkit.BreachkitException
import dev.breachkit.Incident
import dev.breachkit.Severity
import dev.breachkit.Status
import dev.breachkit.assess
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
