//! A throwaway PostgreSQL server for the register's tests (`cargo xtask postgres`, and a step of
//! `cargo xtask test`).
//!
//! 1. finds `initdb` under `/usr/lib/postgresql/*/bin`, or installs Debian's `postgresql` package;
//! 2. `initdb` into a fresh temporary directory, as the `postgres` user when run as root
//!    (PostgreSQL refuses to run as root; the user is created if missing);
//! 3. starts the server on a Unix socket in that directory only (no TCP port is opened);
//! 4. runs the register's PostgreSQL tests (`#[ignore]`d in a plain `cargo test`) with
//!    `BREACHKIT_TEST_PG` set to the server's connection string;
//! 5. stops the server and removes the directory, also when a test fails (the guard's `Drop`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, sh};

/// The directory holding `initdb`, `pg_ctl`, ...: the newest version installed.
fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn install() -> Result<PathBuf, String> {
    if let Some(b) = bin_dir() {
        return Ok(b);
    }
    if !is_root() {
        return Err(
            "PostgreSQL is not installed and this is not root: `apt-get install postgresql`".into(),
        );
    }
    println!("installing Debian's postgresql package");
    sh(Command::new("apt-get").arg("update").arg("-q"))?;
    sh(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "postgresql",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    bin_dir().ok_or_else(|| "postgresql installed, but no initdb under /usr/lib/postgresql".into())
}

/// A running server; dropping it stops the server and removes its directory.
struct Server {
    bin: PathBuf,
    dir: PathBuf,
    user: Option<String>,
    started: bool,
}

const PORT: u16 = 54329;

impl Server {
    /// A command run as the server's owner.
    fn as_owner(&self, program: &Path) -> Command {
        match &self.user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(program);
                c
            }
            None => Command::new(program),
        }
    }

    fn start(bin: PathBuf) -> Result<Server, String> {
        let dir = std::env::temp_dir().join(format!("breachkit-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let user = if is_root() {
            let exists = Command::new("id")
                .arg("postgres")
                .output()
                .is_ok_and(|o| o.status.success());
            if !exists {
                sh(Command::new("useradd").args(["--system", "--no-create-home", "postgres"]))?;
            }
            sh(Command::new("chown").arg("postgres").arg(&dir))?;
            Some("postgres".to_owned())
        } else {
            None
        };
        let mut server = Server {
            bin,
            dir,
            user,
            started: false,
        };
        let data = server.dir.join("data");
        sh(server
            .as_owner(&server.bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "breachkit", "-E", "UTF8", "--no-sync"])
            .stdout(std::process::Stdio::null()))?;
        let opts = format!(
            "-c listen_addresses='' -k {} -p {PORT} -c fsync=off",
            server.dir.display()
        );
        sh(server
            .as_owner(&server.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &opts, "-l"])
            .arg(server.dir.join("log"))
            .args(["-w", "start"]))?;
        server.started = true;
        Ok(server)
    }

    fn url(&self) -> String {
        format!(
            "host={} port={PORT} user=breachkit dbname=postgres",
            self.dir.display()
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.started {
            let _ = self
                .as_owner(&self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.dir.join("data"))
                .args(["-m", "immediate", "-w", "stop"])
                .stdout(std::process::Stdio::null())
                .status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs `f` with the connection string of a throwaway server.
pub(crate) fn with_server(f: impl FnOnce(&str) -> Result<(), String>) -> Result<(), String> {
    let bin = install()?;
    let server = Server::start(bin)?;
    let r = f(&server.url());
    if r.is_err() {
        if let Ok(log) = std::fs::read_to_string(server.dir.join("log")) {
            let tail: Vec<&str> = log.lines().rev().take(20).collect();
            println!("server log (last lines):");
            for l in tail.iter().rev() {
                println!("  {l}");
            }
        }
    }
    drop(server);
    r
}

/// The register's PostgreSQL tests on a throwaway server.
pub(crate) fn test() -> Result<(), String> {
    with_server(|url| {
        sh(Command::new(cargo())
            .args([
                "test",
                "-p",
                "breachkit-register",
                "--test",
                "it",
                "--",
                "--ignored",
            ])
            .env("BREACHKIT_TEST_PG", url)
            .current_dir(root()))
    })
}

/// The register benchmark on SQLite and on a throwaway PostgreSQL server.
pub(crate) fn bench() -> Result<(), String> {
    with_server(|url| {
        sh(Command::new(cargo())
            .args(["bench", "-p", "breachkit-benches", "--bench", "register"])
            .env("BREACHKIT_BENCH_PG", url)
            .current_dir(root()))
    })
}
