//! The PostgreSQL cluster behind the test server, to stop and start it as its owner would:
//! the tests that take the team server away (`tests/outage.rs` for the CLI,
//! `src-tauri/tests/e2e/server.rs` for the window) share it by `#[path]`.

use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Cluster {
    data: String,
    config: String,
    bindir: PathBuf,
    owner: (u32, u32),
}

impl Cluster {
    /// The cluster whose server reports `data` as its `data_directory` and `config` as its
    /// `config_file`.
    pub fn new(data: String, config: String) -> Cluster {
        use std::os::unix::fs::MetadataExt;
        let pg_config = std::env::var("PG_CONFIG").unwrap_or_else(|_| "pg_config".into());
        let bindir = Command::new(pg_config)
            .arg("--bindir")
            .output()
            .expect("pg_config");
        let bindir = PathBuf::from(String::from_utf8_lossy(&bindir.stdout).trim());
        let meta = std::fs::metadata(&data).expect("data directory");
        Cluster {
            data,
            config,
            bindir,
            owner: (meta.uid(), meta.gid()),
        }
    }

    /// `pg_ctl` as the cluster's owner (PostgreSQL refuses to run as root).
    fn pg_ctl(&self, args: &[&str]) -> Output {
        let pg_ctl = self.bindir.join("pg_ctl");
        let mut cmd = if is_root() {
            let mut c = Command::new("setpriv");
            c.arg(format!("--reuid={}", self.owner.0))
                .arg(format!("--regid={}", self.owner.1))
                .arg("--init-groups")
                .arg(&pg_ctl);
            c
        } else {
            Command::new(&pg_ctl)
        };
        let out = cmd
            .arg("-D")
            .arg(&self.data)
            .args(args)
            .output()
            .expect("pg_ctl");
        assert!(
            out.status.success(),
            "pg_ctl {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn stop(&self) {
        self.pg_ctl(&["stop", "-m", "fast", "-w"]);
    }

    pub fn start(&self) {
        let options = format!("-c config_file={}", self.config);
        self.pg_ctl(&["start", "-w", "-o", &options, "-l", "/dev/null"]);
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
