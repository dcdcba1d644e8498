// The JUnit 5 entry points of the Kotlin suite, run by the JUnit console launcher (Debian's
// junit5) against the packaged jar: the native library is loaded from the jar's
// `linux-x86-64/` resource, not from a library path. Each test runs a group of named checks and
// fails with every failed check's name and reason.
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

class BreachKitTest {
    private val root = File(System.getProperty("breachkit.root") ?: ".")

    private fun run(atLeast: Int, group: (Tests) -> Unit) {
        val t = Tests()
        group(t)
        assertEquals(emptyList<String>(), t.failures, "${t.failures.size} checks failed")
        assertTrue(t.passed >= atLeast, "too few checks ran: ${t.passed}")
    }

    /** The examples, the 160+ scenarios, the error paths, the reports and the guide's examples. */
    @Test
    fun examplesScenariosErrorsAndReports() = run(170) { suiteTests(root, it) }

    /** The native model: Seiko built without JSON, edits, the round trip, checked values. */
    @Test
    fun nativeModel() = run(170) { nativeTests(root, it) }
}
