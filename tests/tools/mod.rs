//! The small tool commands of issue 8: `info`, `completions`, `man`.

use serde_json::Value;

use crate::common::{TestEnv, which};

#[test]
fn info_describes_the_vault_without_secrets() {
    let env = TestEnv::new();
    let fingerprint = env.init_with_identity();
    env.add(
        r#"[{"witness": {"names": ["Іван Петрук"]}}, {"witness": {"names": ["Алена Касцюк"]}}]"#,
    );
    let out = env.with_passphrase(&["info"]).output();
    let text = out.stdout.clone();
    assert!(text.contains(&fingerprint), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("records") && l.trim_end().ends_with(" 2")),
        "{text}"
    );
    assert!(
        text.contains(&env.identity.recipient),
        "the recipient's public key: {text}"
    );
    assert!(!text.contains("AGE-SECRET-KEY"), "never a secret key");
    assert!(
        !text.contains("Петрук") && !text.contains("Касцюк"),
        "never record content"
    );
    // The test vaults use work factor 10: info warns.
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("work factor 10"), "{}", out.stderr);

    let out = env.with_passphrase(&["info", "--json"]).output();
    let v: Value = serde_json::from_str(out.stdout.trim()).expect("info --json is one object");
    assert_eq!(v["records"], 2);
    assert_eq!(v["fingerprint"], fingerprint.as_str());
    assert_eq!(v["passphrase"]["work_factor"], 10);
    assert_eq!(v["recipients"][0], env.identity.recipient.as_str());
    assert_eq!(v["index"]["up_to_date"], true);
    assert!(v["journal"]["head"].as_str().unwrap().starts_with("j1-"));
}

#[test]
fn info_with_a_wrong_key_prints_nothing() {
    let env = TestEnv::new();
    env.init();
    let wrong = env.write("wrong.txt", "not the passphrase at all\n");
    let out = env
        .tvault(["info", "--vault"])
        .arg(&env.vault)
        .arg("--passphrase-file")
        .arg(&wrong)
        .output();
    out.fails(1, "wrong passphrase");
}

#[test]
fn completions_are_generated_for_every_shell_and_work_in_bash() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.tvault(["completions", shell]).output();
        assert!(
            out.ok().contains("export"),
            "{shell}: the script knows the commands"
        );
    }
    env.tvault(["completions", "tcsh"])
        .output()
        .fails_clap(2, "tcsh");
    let Some(bash) = which("bash") else {
        return;
    };
    let script = env.tvault(["completions", "bash"]).output().ok().to_owned();
    let file = env.write("tvault.bash", script);
    // Complete `tvault exp<TAB>` and `tvault export --pur<TAB>` in a real bash.
    let probe = format!(
        "source {}; COMP_WORDS=(tvault exp); COMP_CWORD=1; _tvault tvault exp tvault; echo \"${{COMPREPLY[@]}}\"; \
         COMP_WORDS=(tvault export --pur); COMP_CWORD=2; _tvault tvault --pur export; echo \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let out = env.run_program(&bash, ["-c", probe.as_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].split_whitespace().any(|w| w == "export"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].split_whitespace().any(|w| w == "--purpose"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_man_page_covers_every_command() {
    let env = TestEnv::new();
    let out = env.tvault(["man"]).output();
    let page = out.ok();
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80.min(page.len())]
    );
    for command in [
        "init", "add", "list", "show", "search", "export", "verify", "passwd", "info",
    ] {
        assert!(
            page.contains(&format!("tvault {command}")),
            "{command} is documented"
        );
    }
    assert!(page.contains("EXIT STATUS"));
    if let Some(man) = which("man") {
        let file = env.write("tvault.1", page);
        let out = env.run_program(&man, ["-l".as_ref(), file.as_os_str()]);
        assert_eq!(out.code, 0, "man renders the page: {}", out.stderr);
    }
}
