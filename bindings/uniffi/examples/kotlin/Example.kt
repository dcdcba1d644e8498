// A form-like flow in Kotlin: build an incident from what a form collected (no JSON), check it,
// assess it and print the deadlines in Japanese and English. Quoted in docs/guide/kotlin.md;
// compiled against the packaged jar and run by `cargo xtask test`.
import dev.breachkit.*
import java.time.Instant
import kotlin.system.exitProcess

fun main() {
    // 1. What the form collected: who, when (known to the day), what, about how many.
    val incident = newIncident("acme-2024-04")
    incident.timeZone = "Asia/Tokyo"
    incident.organisations = listOf(Organisation(id = "acme", name = "Acme KK", country = "JP"))
    incident.timeline = listOf(Event(kind = EventKind.Detected, at = PartialTime(year = 2024, month = 4u, day = 26u)))
    incident.breach.nature = listOf(Nature.CONFIDENTIALITY)
    incident.breach.causes = listOf(Cause.UnauthorisedAccess)
    val customers = newGroup("customers", GroupKind.Customers)
    customers.holders = listOf(Holding(entity = "acme", role = Role.CONTROLLER))
    customers.count = Count.Approximate(5000uL)
    customers.categories = listOf(DataCategory.Name, DataCategory.EmailAddress)
    incident.groups = listOf(customers)

    // 2. Check it: a value that breaks its rule throws BreachkitException (code, path, rule),
    //    and validate() lists every problem of the whole incident.
    Incident.fromData(incident).use { checked ->
        val errors = checked.validate().filter { it.severity == Severity.ERROR }
        if (errors.isNotEmpty()) {
            errors.forEach { println("${it.code} at ${it.path}") }
            exitProcess(1)
        }

        // 3. Assess as of an instant (the engine never reads the clock) and list what is due.
        val asOf = Instant.parse("2024-04-30T00:00:00Z")
        for (lang in listOf("ja", "en")) {
            val assessment = assessWith(checked, asOf, lang, null, emptyList())
            for (o in assessment.obligations.filter { it.status == Status.REQUIRED }) {
                println("[$lang] ${o.name}: ${o.deadline.dueLocal ?: o.deadline.standard}")
            }
        }
    }
}
