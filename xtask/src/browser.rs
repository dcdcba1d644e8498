//! Opens drafted HTML reports in a real headless browser (Debian's `chromium`, installed when
//! missing): the page must load with no console errors, and a screenshot is saved as a test
//! artefact in `tests/artifacts/`.

use std::path::Path;
use std::process::Command;

use crate::{root, sh};

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

fn install() -> Result<(), String> {
    if have("chromium") {
        return Ok(());
    }
    sh(Command::new("apt-get").args(["update", "-qq"]))?;
    sh(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "chromium",
            "fonts-noto-cjk",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    if have("chromium") {
        Ok(())
    } else {
        Err("chromium could not be installed".into())
    }
}

pub(crate) fn test() -> Result<(), String> {
    install()?;
    let art = root().join("tests/artifacts");
    std::fs::create_dir_all(&art).map_err(|e| e.to_string())?;
    let bin = root().join("target/debug/breachkit");
    let cases = [
        (
            "seiko-announcement-en",
            "docs/examples/seiko-2023.json",
            "announcement",
            "en",
            "2023-10-25T12:00:00+09:00",
        ),
        (
            "seiko-announcement-ja",
            "docs/examples/seiko-2023.json",
            "announcement",
            "ja",
            "2023-10-25T12:00:00+09:00",
        ),
        (
            "seiko-ppc-final-ja",
            "docs/examples/seiko-2023.json",
            "ppc-final",
            "ja",
            "2023-10-25T12:00:00+09:00",
        ),
        (
            "booking-gdpr-art33-en",
            "docs/examples/booking-2019-gdpr.json",
            "gdpr-art33",
            "en",
            "2019-02-06T12:00:00+01:00",
        ),
        (
            "anthem-hhs-en",
            "docs/examples/anthem-2015-hipaa.json",
            "hhs",
            "en",
            "2015-03-13T12:00:00-05:00",
        ),
    ];
    for (name, file, kind, lang, as_of) in cases {
        let out = Command::new(&bin)
            .args([
                "report", file, "--kind", kind, "--lang", lang, "--format", "html", "--as-of",
                as_of,
            ])
            .current_dir(root())
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!("{name}: breachkit report failed"));
        }
        let html = art.join(format!("{name}.html"));
        std::fs::write(&html, &out.stdout).map_err(|e| e.to_string())?;
        // A phone and a desktop width: the page and its timeline must fit both.
        for (width_name, size) in [("phone", "390,1800"), ("desktop", "1280,1800")] {
            let shot = format!("{name}-{width_name}");
            let png = art.join(format!("{shot}.png"));
            let profile =
                std::env::temp_dir().join(format!("bk-chromium-{}-{shot}", std::process::id()));
            let run = Command::new("chromium")
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--enable-logging=stderr",
                    "--v=0",
                    &format!("--window-size={size}"),
                    &format!("--user-data-dir={}", profile.display()),
                    &format!("--screenshot={}", png.display()),
                    &format!("file://{}", html.display()),
                ])
                .output()
                .map_err(|e| e.to_string())?;
            let _ = std::fs::remove_dir_all(&profile);
            let log = String::from_utf8_lossy(&run.stderr);
            let console_errors: Vec<&str> = log
                .lines()
                .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
                .collect();
            if !console_errors.is_empty() {
                return Err(format!(
                    "{shot}: console messages:\n{}",
                    console_errors.join("\n")
                ));
            }
            let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            if !run.status.success() || size < 10_000 {
                return Err(format!(
                    "{shot}: no screenshot ({size} bytes): {}",
                    log.lines().rev().take(5).collect::<Vec<_>>().join(" | ")
                ));
            }
            println!(
                "{shot}: screenshot {} ({size} bytes)",
                Path::new("tests/artifacts")
                    .join(format!("{shot}.png"))
                    .display()
            );
        }
    }
    Ok(())
}
