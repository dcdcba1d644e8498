//! The bindings step of `cargo xtask test`: Swift and Kotlin (and a Python check) over the uniffi
//! library, compiled and run with real toolchains.
//!
//! 1. checks the `bindings/uniffi/missing_apis.txt` ratchet and the guides' quoted snippets;
//! 2. builds `breachkit-uniffi` and generates the bindings into `target/uniffi`;
//! 3. installs what is missing, cached outside the repository (`$BREACHKIT_TOOLCHAIN_CACHE`,
//!    default `/var/cache/breachkit`): `libjna-java` and `debootstrap` (apt), `kotlinc` (npm
//!    `kotlin-compiler`), and a Debian 13 chroot with `swiftlang` (Debian 12 has no Swift);
//! 4. Kotlin: packages the jar and POM in a Maven layout (`target/maven`) and runs
//!    `bindings/uniffi/tests/kotlin` as JUnit 5 tests against it (Debian's `junit5` console
//!    launcher); Swift: `swift test` on the repository's Package.swift in the chroot, which runs
//!    `bindings/uniffi/tests/swift` as XCTest; Python: the generated module.
//!
//! A toolchain that cannot be set up is an error, never a skip. Mounts into the chroot are undone
//! by a guard's `Drop`, also when a step fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{cargo, root, sh};

const KOTLIN_COMPILER: &str = "kotlin-compiler@2.4.20";
const JNA_JAR: &str = "/usr/share/java/jna.jar";
const LIB: &str = "target/debug/libbreachkit_uniffi.so";
const OUT: &str = "target/uniffi";

pub(crate) fn cache_dir() -> PathBuf {
    std::env::var_os("BREACHKIT_TOOLCHAIN_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/cache/breachkit"))
}

fn timed<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let t = Instant::now();
    let r = f();
    println!("--- {what}: {:.1?}", t.elapsed());
    r
}

/// Runs a command in the repository root and returns its stdout (stderr passes through).
fn output(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .current_dir(root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    print!("{text}");
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{shown} exited with {}", out.status))
    }
}

fn on_path(bin: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(bin).is_file()))
}

pub(crate) fn test() -> Result<(), String> {
    timed(
        "ratchet bindings/uniffi/missing_apis.txt",
        check_missing_apis,
    )?;
    timed("guides quote the compiled snippets", check_guides)?;
    timed("build breachkit-uniffi and generate bindings", generate)?;
    timed("toolchains: apt packages", ensure_apt)?;
    let kotlin = timed("toolchains: kotlinc", ensure_kotlin)?;
    let swift_root = timed("toolchains: swift chroot", ensure_swift)?;

    // Run every language, then report all failures together.
    let results = [
        (
            "kotlin",
            timed("kotlin: compile and run", || run_kotlin(&kotlin)),
        ),
        (
            "swift",
            timed("swift: compile and run", || run_swift(&swift_root)),
        ),
        ("python", timed("python: generated module", run_python)),
    ];
    let both_ran = results.iter().take(2).all(|(_, r)| r.is_ok());
    let mut failed: Vec<String> = results
        .into_iter()
        .filter_map(|(lang, r)| r.err().map(|e| format!("{lang}: {e}")))
        .collect();
    if both_ran {
        // The Swift and Kotlin examples build the same incident: the same deadlines, word for word.
        let read = |l: &str| {
            std::fs::read_to_string(root().join(OUT).join(format!("example-{l}.txt"))).ok()
        };
        if read("swift") != read("kotlin") {
            failed.push("the Swift and Kotlin examples print different deadlines".into());
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

fn generate() -> Result<(), String> {
    sh(Command::new(cargo()).args(["build", "-p", "breachkit-uniffi"]))?;
    let out = root().join(OUT);
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{OUT}: {e}"))?;
    }
    sh(Command::new(cargo()).args([
        "run",
        "-q",
        "-p",
        "uniffi-bindgen",
        "--",
        "generate",
        "--no-format",
        "--library",
        LIB,
        "--language",
        "swift",
        "--language",
        "kotlin",
        "--language",
        "python",
        "--out-dir",
        OUT,
    ]))
}

// ---------------------------------------------------------------------------------------------
// Toolchains

fn ensure_apt() -> Result<(), String> {
    let mut missing = Vec::new();
    if !Path::new(JNA_JAR).is_file() {
        missing.push("libjna-java");
    }
    if !on_path("debootstrap") && !Path::new("/usr/sbin/debootstrap").is_file() {
        missing.push("debootstrap");
    }
    if !on_path("java") {
        missing.push("default-jre-headless");
    }
    if !Path::new(JUNIT_CONSOLE).is_file() {
        missing.push("junit5");
    }
    if missing.is_empty() {
        return Ok(());
    }
    println!("installing {}", missing.join(" "));
    sh(Command::new("apt-get").arg("update"))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .map_err(|e| format!("cannot install {}: {e}", missing.join(" ")))
}

fn ensure_kotlin() -> Result<PathBuf, String> {
    let prefix = cache_dir().join("kotlin");
    let home = prefix.join("node_modules/kotlin-compiler");
    if home.join("bin/kotlinc").is_file() && home.join("lib/kotlin-stdlib.jar").is_file() {
        return Ok(home);
    }
    if !on_path("npm") {
        return Err("npm is needed to install kotlinc (npm package kotlin-compiler)".into());
    }
    std::fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
    sh(Command::new("npm")
        .args([
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
        ])
        .arg(&prefix)
        .arg(KOTLIN_COMPILER))?;
    if home.join("bin/kotlinc").is_file() {
        Ok(home)
    } else {
        Err(format!(
            "kotlinc not found in {} after npm install",
            home.display()
        ))
    }
}

/// Mount points under `dir` (from /proc/mounts), deepest first.
fn mounts_under(dir: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    let mut v: Vec<PathBuf> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .map(PathBuf::from)
        .filter(|p| p.starts_with(dir))
        .collect();
    v.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    v
}

/// Mounts made for one run; unmounted in reverse order when dropped (also on errors).
struct Mounts(Vec<PathBuf>);

impl Mounts {
    fn mount(&mut self, args: &[&str], target: &Path) -> Result<(), String> {
        std::fs::create_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
        sh(Command::new("mount").args(args).arg(target))?;
        self.0.push(target.to_owned());
        Ok(())
    }
}

impl Drop for Mounts {
    fn drop(&mut self) {
        while let Some(p) = self.0.pop() {
            let ok = Command::new("umount")
                .arg(&p)
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                // Busy (a process still running inside): detach it instead.
                let _ = Command::new("umount").arg("-l").arg(&p).status();
            }
            // Our own mount points are empty directories afterwards (`remove_dir` only removes
            // an empty one, so nothing else can be lost); shared ones like /proc stay.
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("breachkit-"))
            {
                let _ = std::fs::remove_dir(&p);
            }
        }
    }
}

fn ensure_swift() -> Result<PathBuf, String> {
    let chroot = cache_dir().join("swift-trixie");
    if chroot.join("usr/bin/swiftc").is_file() {
        return Ok(chroot);
    }
    // Build beside it and rename when complete, so a half-made chroot is never used.
    let tmp = cache_dir().join("swift-trixie.tmp");
    if tmp.exists() {
        if !mounts_under(&tmp).is_empty() {
            return Err(format!(
                "{} has mounts from an interrupted setup; unmount them first",
                tmp.display()
            ));
        }
        std::fs::remove_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    }
    std::fs::create_dir_all(cache_dir()).map_err(|e| e.to_string())?;
    let tmp_s = tmp.to_str().ok_or("cache path is not UTF-8")?;
    timed("debootstrap trixie", || {
        sh(Command::new("debootstrap").args(["--variant=minbase", "trixie", tmp_s]))
    })?;
    timed("swiftlang in the chroot", || {
        let mut m = Mounts(Vec::new());
        m.mount(&["-t", "proc", "proc"], &tmp.join("proc"))?;
        sh(Command::new("chroot")
            .arg(&tmp)
            .args(["apt-get", "install", "-y", "--no-install-recommends"])
            .args(["swiftlang", "libc6-dev"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
    })?;
    if !tmp.join("usr/bin/swiftc").is_file() {
        return Err("swiftc missing after installing swiftlang in the chroot".into());
    }
    std::fs::rename(&tmp, &chroot).map_err(|e| format!("{}: {e}", chroot.display()))?;
    Ok(chroot)
}

// ---------------------------------------------------------------------------------------------
// The three languages

/// Checks a test program's final line (`<lang>: N passed, 0 failed`).
fn result_line(lang: &str, out: &str) -> Result<(), String> {
    let last = out.lines().last().unwrap_or_default();
    if last.starts_with(&format!("{lang}: ")) && last.ends_with(" passed, 0 failed") {
        Ok(())
    } else {
        Err(format!("unexpected final line {last:?}"))
    }
}

const JUNIT_CONSOLE: &str = "/usr/share/java/junit-platform-console-standalone.jar";
const JUNIT_API: &str = "/usr/share/java/junit-jupiter-api.jar";
const GROUP_PATH: &str = "dev/breachkit";
const ARTIFACT: &str = "breachkit";

/// The workspace version (`[workspace.package] version`), the version of the Maven artefact.
fn workspace_version() -> Result<String, String> {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let section = text
        .split("[workspace.package]")
        .nth(1)
        .ok_or("Cargo.toml has no [workspace.package]")?;
    section
        .lines()
        .find_map(|l| l.trim().strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| "no version in [workspace.package]".into())
}

/// The POM: the jar needs JNA and the Kotlin standard library at run time.
fn pom(version: &str, kotlin: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.breachkit</groupId>
  <artifactId>{ARTIFACT}</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>
  <name>breachkit</name>
  <description>breachkit for Kotlin/JVM: personal-data breach response (uniffi bindings; native library for linux-x86-64 inside)</description>
  <licenses>
    <license><name>MIT</name></license>
    <license><name>Apache-2.0</name></license>
  </licenses>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>5.13.0</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>{kotlin}</version>
    </dependency>
  </dependencies>
</project>
"#
    )
}

/// Builds the Kotlin/JVM artefact in a Maven-repository layout under `target/maven`: the
/// generated Kotlin compiled, plus the native library as the JNA resource
/// `linux-x86-64/libbreachkit_uniffi.so`, and its POM. Returns the jar.
fn package_kotlin(home: &Path) -> Result<PathBuf, String> {
    let r = root();
    let version = workspace_version()?;
    let classes = r.join(OUT).join("kotlin/classes");
    if classes.exists() {
        std::fs::remove_dir_all(&classes).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(classes.join("linux-x86-64")).map_err(|e| e.to_string())?;
    sh(Command::new(home.join("bin/kotlinc"))
        .args(["-nowarn", "-cp", JNA_JAR])
        .arg(r.join(OUT).join("dev/breachkit/breachkit.kt"))
        .arg("-d")
        .arg(&classes))?;
    std::fs::copy(
        r.join(LIB),
        classes.join("linux-x86-64/libbreachkit_uniffi.so"),
    )
    .map_err(|e| format!("{LIB}: {e}"))?;
    let dir = r
        .join("target/maven")
        .join(GROUP_PATH)
        .join(ARTIFACT)
        .join(&version);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let jar = dir.join(format!("{ARTIFACT}-{version}.jar"));
    let _ = std::fs::remove_file(&jar);
    // A jar is a zip; Python's zipfile is there on a fresh machine, the JDK's `jar` may not be.
    let mut zip = Command::new("python3");
    zip.args(["-m", "zipfile", "-c"]).arg(&jar);
    for entry in ["META-INF", "dev", "linux-x86-64"] {
        zip.arg(classes.join(entry));
    }
    sh(&mut zip)?;
    let kotlin = KOTLIN_COMPILER
        .split_once('@')
        .map_or("", |(_, v)| v)
        .to_owned();
    std::fs::write(
        dir.join(format!("{ARTIFACT}-{version}.pom")),
        pom(&version, &kotlin),
    )
    .map_err(|e| e.to_string())?;
    println!("built {}", jar.display());
    Ok(jar)
}

fn run_kotlin(home: &Path) -> Result<(), String> {
    let r = root();
    let lib_jar = package_kotlin(home)?;
    let stdlib = home.join("lib/kotlin-stdlib.jar");
    let test_jar = r.join(OUT).join("kotlin-test.jar");
    let mut sources = Vec::new();
    for name in ["Suite.kt", "Guide.kt", "Native.kt", "BreachKitTest.kt"] {
        sources.push(r.join("bindings/uniffi/tests/kotlin").join(name));
    }
    // The guide's example program, compiled in the same run (one kotlinc start less).
    sources.push(r.join("bindings/uniffi/examples/kotlin/Example.kt"));
    let compile_cp = format!("{}:{JNA_JAR}:{JUNIT_API}", lib_jar.display());
    sh(Command::new(home.join("bin/kotlinc"))
        .args(["-nowarn", "-cp", &compile_cp])
        .args(&sources)
        .arg("-d")
        .arg(&test_jar))?;
    // No jna.library.path: JNA must find the native library inside the packaged jar.
    let cp = format!(
        "{}:{}:{JNA_JAR}:{}",
        test_jar.display(),
        lib_jar.display(),
        stdlib.display()
    );
    let out = output(
        Command::new("java")
            .arg(format!("-Dbreachkit.root={}", r.display()))
            .args(["-jar", JUNIT_CONSOLE])
            .args(["--disable-banner", "--details=tree", "--class-path", &cp])
            .args(["--select-class", "BreachKitTest"]),
    )?;
    // The launcher's summary: `[         2 tests successful      ]`, `[ 0 tests failed ]`.
    let count = |what: &str| {
        out.lines()
            .find(|l| l.contains(what))
            .and_then(|l| l.trim_start_matches(['[', ' ']).split(' ').next())
            .and_then(|n| n.parse::<u32>().ok())
    };
    if count("tests successful") != Some(2) || count("tests failed") != Some(0) {
        return Err("the JUnit run did not report 2 tests successful and 0 failed".into());
    }
    // The guide's example program (compiled into the test jar), against the same library jar.
    let out = output(Command::new("java").args(["-cp", &cp, "ExampleKt"]))?;
    example_output("kotlin", &out)
}

/// Checks an example program's output (deadlines in Japanese and in English) and keeps it in
/// `target/uniffi/example-<lang>.txt`, so the languages can be compared.
fn example_output(lang: &str, out: &str) -> Result<(), String> {
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("[ja] ") || l.starts_with("[en] "))
        .collect();
    // An obligation's name: all Japanese in `ja`; English first (the Japanese term may follow
    // in brackets) in `en`.
    let name = |l: &str| -> String {
        l.get(5..)
            .and_then(|r| r.split(':').next())
            .unwrap_or_default()
            .to_owned()
    };
    let ja = lines.iter().filter(|l| l.starts_with("[ja] ")).any(|l| {
        let n = name(l);
        !n.is_empty() && !n.chars().any(|c| c.is_ascii_alphabetic())
    });
    let en = lines
        .iter()
        .filter(|l| l.starts_with("[en] "))
        .any(|l| name(l).starts_with(|c: char| c.is_ascii_uppercase()));
    if !(ja && en) {
        return Err(format!(
            "{lang} example: expected deadlines in Japanese and English, got {lines:?}"
        ));
    }
    std::fs::write(
        root().join(OUT).join(format!("example-{lang}.txt")),
        lines.join("\n"),
    )
    .map_err(|e| e.to_string())
}

/// Lays out the generated Swift files where the repository's Package.swift expects them.
fn swift_package_sources() -> Result<(), String> {
    let r = root();
    let src = r.join(OUT).join("swift/Sources");
    let ffi = src.join("BreachKitFFI");
    let module = src.join("BreachKit");
    for d in [&ffi, &module] {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let copy = |from: &str, to: &Path| {
        std::fs::copy(r.join(OUT).join(from), to)
            .map(|_| ())
            .map_err(|e| format!("{from}: {e}"))
    };
    copy("BreachKit.swift", &module.join("BreachKit.swift"))?;
    copy("BreachKitFFI.h", &ffi.join("BreachKitFFI.h"))?;
    // A system library's module map names the library to link.
    let map = std::fs::read_to_string(r.join(OUT).join("BreachKitFFI.modulemap"))
        .map_err(|e| format!("BreachKitFFI.modulemap: {e}"))?;
    let map = map.replacen(
        "header \"BreachKitFFI.h\"",
        "header \"BreachKitFFI.h\"\n    link \"breachkit_uniffi\"",
        1,
    );
    std::fs::write(ffi.join("module.modulemap"), map).map_err(|e| e.to_string())
}

fn run_swift(chroot: &Path) -> Result<(), String> {
    let r = root();
    swift_package_sources()?;

    // A mount point of our own, so parallel runs do not share one.
    let work = format!("/mnt/breachkit-{}", std::process::id());
    let mut m = Mounts(Vec::new());
    m.mount(&["-t", "proc", "proc"], &chroot.join("proc"))?;
    let repo = r
        .canonicalize()
        .map_err(|e| e.to_string())?
        .to_str()
        .ok_or("repository path is not UTF-8")?
        .to_owned();
    m.mount(
        &["--bind", &repo],
        &chroot.join(work.trim_start_matches('/')),
    )?;
    // `swift test` builds the package at the repository root (Package.swift) and runs its XCTest
    // target; SwiftPM's caches go to a home of our own inside the chroot.
    let script = format!(
        "set -e; cd {work}; export HOME=/tmp/breachkit-swift-home; mkdir -p $HOME
export LD_LIBRARY_PATH={work}/target/debug
swift test --scratch-path {OUT}/swift/.build -Xlinker -L{work}/target/debug 2>&1
echo '--- example'
swift run --scratch-path {OUT}/swift/.build -Xlinker -L{work}/target/debug BreachKitExample 2>&1"
    );
    let out = output(
        Command::new("chroot")
            .arg(chroot)
            .args(["bash", "-c", &script]),
    );
    drop(m);
    let out = out?;
    if !out.contains("Executed 2 tests, with 0 failures") {
        return Err("swift test did not report 2 tests with 0 failures".into());
    }
    let example = out.split("--- example").nth(1).unwrap_or_default();
    example_output("swift", example)
}

fn run_python() -> Result<(), String> {
    let r = root();
    let dir = r.join(OUT).join("python");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::copy(r.join(OUT).join("breachkit.py"), dir.join("breachkit.py"))
        .map_err(|e| format!("breachkit.py: {e}"))?;
    std::fs::copy(r.join(LIB), dir.join("libbreachkit_uniffi.so"))
        .map_err(|e| format!("{LIB}: {e}"))?;
    let out = output(
        Command::new("python3")
            .arg(r.join("bindings/uniffi/tests/python/check.py"))
            .arg(&r)
            .arg(&dir),
    )?;
    result_line("python", &out)
}

// ---------------------------------------------------------------------------------------------
// The guides quote files that the tests compile

fn check_guides() -> Result<(), String> {
    for (guide, snippet) in [
        (
            "docs/guide/swift.md",
            "bindings/uniffi/tests/swift/Guide.swift",
        ),
        (
            "docs/guide/kotlin.md",
            "bindings/uniffi/tests/kotlin/Guide.kt",
        ),
        (
            "docs/guide/swift.md",
            "bindings/uniffi/examples/swift/main.swift",
        ),
        (
            "docs/guide/kotlin.md",
            "bindings/uniffi/examples/kotlin/Example.kt",
        ),
    ] {
        let g = std::fs::read_to_string(root().join(guide)).map_err(|e| format!("{guide}: {e}"))?;
        let s =
            std::fs::read_to_string(root().join(snippet)).map_err(|e| format!("{snippet}: {e}"))?;
        if !g.contains(&s) {
            return Err(format!("{guide} must quote {snippet} verbatim"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The missing-API ratchet

const RATCHET: &str = "bindings/uniffi/missing_apis.txt";

/// `pub` items at the top level of a source file (`struct`, `enum`, `fn`, ...).
fn top_level_items(src: &str) -> Vec<String> {
    let kinds = [
        "struct ", "enum ", "fn ", "const ", "static ", "type ", "trait ",
    ];
    src.lines()
        .filter_map(|l| l.strip_prefix("pub "))
        .filter_map(|l| kinds.iter().find_map(|k| l.strip_prefix(k)))
        .map(|l| {
            l.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// The public API of a crate: what its root re-exports or defines, and the inherent `pub fn`s
/// written out in `impl Type {` blocks (methods generated by macros are not seen).
pub(crate) fn public_api(krate: &str, dir: &Path) -> Result<BTreeSet<String>, String> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let lib = read(&dir.join("lib.rs"))?;
    // A module is `m.rs` or `m/mod.rs`.
    let module_file = |m: &str| {
        let flat = dir.join(format!("{m}.rs"));
        if flat.exists() {
            flat
        } else {
            dir.join(m).join("mod.rs")
        }
    };
    let mut items = BTreeSet::new();
    let mut types = BTreeSet::new();
    for name in top_level_items(&lib) {
        items.insert(format!("{krate}::{name}"));
        types.insert(name);
    }
    // `pub use m::{a, b};`, `pub use m::a;`, `pub use m::*;` (statements may span lines).
    let flat = lib.replace('\n', " ");
    for stmt in flat.split(';') {
        let Some(path) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (module, names) = path.split_once("::").unwrap_or((path, ""));
        let names: Vec<String> = if names.trim() == "*" {
            top_level_items(&read(&module_file(module))?)
        } else {
            names
                .trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace())
                .split(',')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect()
        };
        for n in names {
            items.insert(format!("{krate}::{n}"));
            types.insert(n);
        }
    }
    for l in lib.lines() {
        if let Some(m) = l.strip_prefix("pub mod ").and_then(|m| m.strip_suffix(';')) {
            for n in top_level_items(&read(&module_file(m))?) {
                items.insert(format!("{krate}::{m}::{n}"));
            }
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    for f in files {
        let mut current: Option<String> = None;
        for l in read(&f)?.lines() {
            if let Some(rest) = l.strip_prefix("impl ") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let inherent = rest.trim_end().ends_with('{') && !rest.contains(" for ");
                current = (inherent && types.contains(&name)).then_some(name);
            } else if l.starts_with('}') {
                current = None;
            } else if let (Some(t), Some(m)) = (&current, l.strip_prefix("    pub fn ")) {
                let m: String = m
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                items.insert(format!("{krate}::{t}::{m}"));
            }
        }
    }
    Ok(items)
}

/// What the bindings expose: mirrored types (`#[uniffi::remote(..)]`), custom types
/// (`uniffi::custom_type!`, translated) and `// api: <item> [-> <translation>]` lines.
fn exposed(binding: &str, api: &BTreeSet<String>) -> (BTreeSet<String>, BTreeMap<String, String>) {
    // `Name`, `Type::method` or a full path, to the item of the crates' API it names. A short
    // name that several crates define (`ReportKind`, `Format`) resolves to none of them: name the
    // one meant on an `// api: crate::Name` line.
    let resolve = |name: &str| -> Option<String> {
        if api.contains(name) {
            return Some(name.to_owned());
        }
        let mut found = api
            .iter()
            .filter(|i| i.split_once("::").is_some_and(|(_, rest)| rest == name));
        match (found.next(), found.next()) {
            (Some(i), None) => Some(i.clone()),
            _ => None,
        }
    };
    let mut mirrored = BTreeSet::new();
    let mut translated = BTreeMap::new();
    let mut after_remote = false;
    for l in binding.lines().map(str::trim) {
        if l.starts_with("#[uniffi::remote(") {
            after_remote = true;
        } else if after_remote {
            let rest = l
                .strip_prefix("pub struct ")
                .or(l.strip_prefix("pub enum "));
            if let Some(rest) = rest {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                mirrored.extend(resolve(&name));
                after_remote = false;
            }
        } else if let Some(rest) = l.strip_prefix("uniffi::custom_type!(") {
            let mut parts = rest.split(',').map(str::trim);
            if let (Some(name), Some(target)) = (parts.next(), parts.next()) {
                // A name outside the crates' API is a binding alias (`Timestamp`).
                let item =
                    resolve(name).unwrap_or_else(|| format!("{name} (alias in the binding)"));
                translated.insert(item, target.to_owned());
            }
        } else if let Some(rest) = l.strip_prefix("// api: ") {
            let (item, to) = match rest.split_once(" -> ") {
                Some((i, t)) => (i.trim(), Some(t.trim())),
                None => (rest.trim(), None),
            };
            match (resolve(item), to) {
                (Some(i), Some(t)) => {
                    translated.insert(i, t.to_owned());
                }
                (Some(i), None) => {
                    mirrored.insert(i);
                }
                (None, _) => {}
            }
        }
    }
    (mirrored, translated)
}

fn missing_apis_text() -> Result<String, String> {
    let r = root();
    let mut api = public_api("breachkit_model", &r.join("crates/breachkit-model/src"))?;
    api.extend(public_api(
        "breachkit_rules",
        &r.join("crates/breachkit-rules/src"),
    )?);
    api.extend(public_api(
        "breachkit_report",
        &r.join("crates/breachkit-report/src"),
    )?);
    // Every source file of the binding (lib.rs, model.rs, ...), in a stable order.
    let src = r.join("bindings/uniffi/src");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&src)
        .map_err(|e| format!("{}: {e}", src.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut binding = String::new();
    for f in files {
        binding
            .push_str(&std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?);
        binding.push('\n');
    }
    let (mirrored, translated) = exposed(&binding, &api);
    let omitted_text =
        std::fs::read_to_string(r.join(OMITTED)).map_err(|e| format!("{OMITTED}: {e}"))?;
    let omissions = parse_omissions(&omitted_text);
    let mut s = String::from(
        "# Public API of breachkit-model, breachkit-rules and breachkit-report that the uniffi bindings
# (Swift, Kotlin) do not expose, each under the reason it is left out. Generated by
# `cargo xtask ratchet` (and checked by `cargo xtask test`) from bindings/uniffi/omitted.txt,
# which holds the reasons; an item with no reason fails the test: expose it or give one.
#
# Seen: items re-exported or defined by each crate root, `pub mod` items, and inherent `pub fn`s
# written out in `impl Type {` blocks (methods generated by macros are not listed).
# Exposed: types mirrored with #[uniffi::remote(..)] (fields, not methods), and items named on
# `// api:` lines in bindings/uniffi/src/*.rs.
#
# Translated rather than mirrored (the narrowest translation across the boundary):
",
    );
    for (item, to) in &translated {
        s.push_str(&format!("#   {item} -> {to}\n"));
    }
    let missing: Vec<&String> = api
        .iter()
        .filter(|i| !mirrored.contains(*i) && !translated.contains_key(*i))
        .collect();
    let mut placed = BTreeSet::new();
    for o in &omissions {
        let items: Vec<&&String> = missing
            .iter()
            .filter(|i| !placed.contains(**i) && o.patterns.iter().any(|p| matches_pattern(p, i)))
            .collect();
        if items.is_empty() {
            continue;
        }
        s.push('\n');
        for l in &o.reason {
            s.push_str(&format!("# {l}\n"));
        }
        for i in items {
            s.push_str(i);
            s.push('\n');
            placed.insert((*i).clone());
        }
    }
    let unexplained: Vec<&&String> = missing.iter().filter(|i| !placed.contains(**i)).collect();
    if !unexplained.is_empty() {
        s.push_str("\n# NO REASON GIVEN (add one to bindings/uniffi/omitted.txt, or expose it):\n");
        for i in unexplained {
            s.push_str(i);
            s.push('\n');
        }
    }
    Ok(s)
}

const OMITTED: &str = "bindings/uniffi/omitted.txt";

/// One block of `omitted.txt`: `> reason` lines, then the item patterns it covers.
struct Omission {
    reason: Vec<String>,
    patterns: Vec<String>,
}

/// Blocks are separated by blank lines; `#` lines are comments.
fn parse_omissions(text: &str) -> Vec<Omission> {
    let mut out = Vec::new();
    let mut cur = Omission {
        reason: Vec::new(),
        patterns: Vec::new(),
    };
    for l in text.lines().map(str::trim).chain([""]) {
        if l.is_empty() {
            if !cur.patterns.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Omission {
                        reason: Vec::new(),
                        patterns: Vec::new(),
                    },
                ));
            }
        } else if let Some(r) = l.strip_prefix('>') {
            cur.reason.push(r.trim().to_owned());
        } else if !l.starts_with('#') {
            cur.patterns.push(l.to_owned());
        }
    }
    out
}

/// `crate::Item` exactly, `prefix::*` (everything under it), or `*::suffix` (every item ending
/// so, e.g. `*::code`).
fn matches_pattern(pattern: &str, item: &str) -> bool {
    if let Some(prefix) = pattern.strip_suffix("::*") {
        item.strip_prefix(prefix)
            .is_some_and(|r| r.starts_with("::"))
    } else if let Some(suffix) = pattern.strip_prefix("*::") {
        item.ends_with(&format!("::{suffix}"))
    } else {
        pattern == item
    }
}

pub(crate) fn check_missing_apis() -> Result<(), String> {
    let text = missing_apis_text()?;
    check_ratchet(RATCHET, &text)?;
    if text.contains("# NO REASON GIVEN") {
        return Err(format!(
            "{RATCHET}: items without a reason; expose them or add the reason to {OMITTED}"
        ));
    }
    Ok(())
}

/// A missing-API ratchet: passes when the committed file at `rel` equals `want`; otherwise
/// rewrites it and fails, so the new copy is reviewed and committed. Shared by the uniffi and
/// Python ratchets.
pub(crate) fn check_ratchet(rel: &str, want: &str) -> Result<(), String> {
    let path = root().join(rel);
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if want == have {
        println!(
            "{rel}: {} items not exposed yet",
            want.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .count()
        );
        return Ok(());
    }
    std::fs::write(&path, want).map_err(|e| format!("{rel}: {e}"))?;
    Err(format!(
        "{rel} was stale: rewritten; review the diff and commit it"
    ))
}
