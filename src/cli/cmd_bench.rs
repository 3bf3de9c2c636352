//! `tvault bench`: builds synthetic vaults of N records in a temporary directory and measures the
//! real binary (fresh processes, unlocked with an identity so scrypt is excluded): add
//! throughput, the cost of one more `add`, search, list, export and verify times (medians of
//! runs that nothing observes), peak memory of add, search and export (from one more run, polled),
//! and the time the stock `age` tool takes to decrypt one file holding the same
//! metadata (the yardstick of the search goal); and attaching and extracting one big file
//! against `rage` on the same file. Prints a Markdown report on stdout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use age::secrecy::ExposeSecret;

use super::args::{BenchArgs, GlobalArgs};
use super::error::CliError;
use super::ui::Ui;
use crate::crypto::VaultIdentity;
use crate::vault::store;

/// A small deterministic generator (xorshift), so every run builds the same vault.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const GIVEN: &[&str] = &[
    "Алесь",
    "Сяргей",
    "Ганна",
    "Таццяна",
    "Віктар",
    "Зміцер",
    "Volha",
    "Andrei",
    "Ірына",
    "Mikalai",
    "Дмитрий",
    "Ольга",
    "Наталья",
    "Aliaksandr",
    "Kasia",
    "Павел",
    "Людміла",
    "Ihar",
    "Ekaterina",
    "Юрий",
];
const SURNAMES: &[&str] = &[
    "Петрук",
    "Дубовік",
    "Кавальчук",
    "Lapucka",
    "Заблоцкая",
    "Шушкевіч",
    "Savitski",
    "Навумчык",
    "Каралёва",
    "Harbachonak",
    "Лемяшонак",
    "Ivanova",
    "Сянкевіч",
    "Бурак",
    "Kovalenko",
    "Мароз",
    "Tsvirka",
    "Жураўская",
    "Марціновіч",
    "Hrynkevich",
    "Сакалоў",
    "Bialkevich",
    "Кулагина",
    "Стасевич",
    "Зубрыцкая",
];
const PLACES: &[(&str, &str)] = &[
    ("Salihorsk", "Minsk Region"),
    ("Мінск", "Minsk"),
    ("Гродна", "Grodno Region"),
    ("Mahiliou", "Mogilev Region"),
    ("Гомель", "Gomel Region"),
    ("Navapolatsk", "Vitebsk Region"),
    ("Брест", "Brest Region"),
    ("Zhlobin", "Gomel Region"),
];
const UNIONS: &[&str] = &[
    "BITU",
    "REP",
    "BNP",
    "SPB",
    "Independent Union of Miners",
    "BKDP",
];
const EMPLOYERS: &[&str] = &[
    "Belaruskali",
    "Grodno Azot",
    "Naftan",
    "MAZ",
    "BMZ",
    "Belshina",
    "Integral",
    "BelAZ",
];
const PERPETRATORS: &[&str] = &[
    "KGB",
    "GUBOPiK",
    "Investigative Committee",
    "Minsk City Court",
    "OMON",
];
const ACTS: &[&str] = &[
    "arrest",
    "search",
    "seizure",
    "interrogation",
    "dismissal",
    "criminal_case",
    "conviction",
    "trial_in_absentia",
    "threats",
    "forced_exile",
    "administrative_arrest",
    "ill_treatment",
];
const STATUSES: &[&str] = &[
    "serving_sentence",
    "in_exile",
    "released",
    "convicted_in_absentia",
    "detained_pretrial",
    "at_liberty",
    "wanted",
];
const CHARGES: &[&str] = &[
    "CC 342",
    "CC 361-1",
    "CC 361-4",
    "CC 130",
    "CC 356",
    "CoAO 19.11",
];
const WORDS: &[&str] = &[
    "сход",
    "забастоўка",
    "прафсаюз",
    "шахта",
    "допыт",
    "затрымалі",
    "камера",
    "адвакат",
    "суд",
    "колонія",
    "strike",
    "union",
    "meeting",
    "detained",
    "lawyer",
    "court",
    "colony",
    "собрание",
    "задержали",
    "приговор",
];

fn initial(name: &str) -> char {
    name.chars().next().unwrap_or('X')
}

fn date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        2020 + rng.next() % 6,
        1 + rng.next() % 12,
        1 + rng.next() % 28
    )
}

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One synthetic record as JSON: 1-2 KB of metadata and a ~1 KB narrative.
fn record(rng: &mut Rng, i: usize) -> serde_json::Value {
    let (given, surname) = (rng.pick(GIVEN), rng.pick(SURNAMES));
    let acts: Vec<serde_json::Value> = (0..2 + rng.next() % 3)
        .map(|_| {
            let (locality, region) = PLACES[(rng.next() % PLACES.len() as u64) as usize];
            serde_json::json!({
                "type": rng.pick(ACTS), "date": date(rng),
                "place": {"country": "BY", "region": region, "locality": locality},
                "perpetrators": [rng.pick(PERPETRATORS)],
                "officials": [format!("Investigator {}. {}", initial(rng.pick(GIVEN)), rng.pick(SURNAMES))],
                "charges": [rng.pick(CHARGES)],
                "notes": words(rng, 8),
            })
        })
        .collect();
    serde_json::json!({
        "title": format!("Synthetic testimony {i}"),
        "language": "be",
        "witness": {
            "names": [format!("{given} {surname}"), format!("{surname} {}.", initial(given))],
            "pseudonym": format!("Worker S-{i}"),
            "birth_date": format!("{}", 1950 + rng.next() % 50),
            "occupation": "miner", "employer": rng.pick(EMPLOYERS),
            "unions": [{"name": rng.pick(UNIONS), "role": "member"}],
            "status": rng.pick(STATUSES), "status_as_of": date(rng),
            "residence": {"country": "LT", "locality": "Vilnius"},
            "contact": format!("+375 29 {:03}-{:02}-{:02}", rng.next() % 1000, rng.next() % 100, rng.next() % 100),
        },
        "interview": {"date": date(rng), "mode": "video_call", "interviewer": "A. K.", "place": "Vilnius"},
        "acts": acts,
        "people": [{"name": format!("{} {}", rng.pick(GIVEN), rng.pick(SURNAMES)), "relation": "co-defendant"}],
        "consent": [{"purpose": "ilo_cfa", "level": "pseudonym"}],
        "risk": "high", "tags": ["strike", "synthetic"],
        "summary": words(rng, 25),
        "narrative": words(rng, 120),
    })
}

struct Run {
    wall: Duration,
    peak_kib: u64,
    stdout: Vec<u8>,
    ok: bool,
}

/// Runs a command, polling its peak resident memory (VmHWM) every 2 ms until it exits.
fn measure(command: &mut Command, stdin: Option<&[u8]>) -> Result<Run, CliError> {
    spawn_and_wait(command, stdin, true)
}

/// Runs a command and only times it. Polling costs the measured command time: reading
/// `/proc/PID/status` of a busy process competes with it for its memory map, and an export
/// timed while polled took 7-8% longer on 2 cores. Timed runs are therefore not polled, and
/// peak memory comes from one more, polled run.
fn time(command: &mut Command, stdin: Option<&[u8]>) -> Result<Run, CliError> {
    spawn_and_wait(command, stdin, false)
}

/// [`measure`] (`watch`) or [`time`].
fn spawn_and_wait(
    command: &mut Command,
    stdin: Option<&[u8]>,
    watch: bool,
) -> Result<Run, CliError> {
    command.stdout(Stdio::piped()).stderr(Stdio::null());
    command.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| CliError::failure(format!("bench: cannot run: {e}")))?;
    let pid = child.id();
    let feeder = stdin.map(|data| {
        let mut pipe = child.stdin.take().expect("stdin was piped");
        let data = data.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&data);
        })
    });
    let mut stdout = child.stdout.take().expect("stdout was piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let mut peak_kib = 0;
    let status = loop {
        if !watch {
            break child
                .wait()
                .map_err(|e| CliError::failure(format!("bench: {e}")))?;
        }
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(CliError::failure(format!("bench: {e}"))),
        }
    };
    let wall = start.elapsed();
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let stdout = reader.join().unwrap_or_default();
    Ok(Run {
        wall,
        peak_kib,
        stdout,
        ok: status.success(),
    })
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `bench`.
pub fn run(_global: &GlobalArgs, args: &BenchArgs, ui: &mut Ui) -> Result<(), CliError> {
    let exe = std::env::current_exe()
        .map_err(|e| CliError::failure(format!("cannot find the tvault binary: {e}")))?;
    let temp = tempfile::Builder::new()
        .prefix("tvault-bench-")
        .tempdir()
        .map_err(|e| CliError::failure(format!("cannot create a temporary directory: {e}")))?;
    let base = temp.path();
    let key = VaultIdentity::generate();
    let id_file = base.join("id.txt");
    store::write_atomic(
        base,
        &id_file,
        format!("{}\n", key.to_secret_string().expose_secret()).as_bytes(),
    )?;
    let tvault = |vault: &Path| {
        let mut c = Command::new(&exe);
        c.arg("--vault").arg(vault).arg("--identity").arg(&id_file);
        c.env_remove("TVAULT_VAULT")
            .env_remove("TVAULT_IDENTITY")
            .env_remove("TVAULT_PASSPHRASE_FILE");
        c
    };
    let age_available = Command::new("age")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());

    ui.line("# tvault bench")?;
    ui.line("")?;
    ui.line(&format!(
        "Synthetic records (Belarusian, Russian and English names, 2-4 acts, 1-2 KB of metadata, ~1 KB narrative); \
         unlock with an identity (no scrypt); {} CPU(s); medians of {} runs.",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        args.runs
    ))?;
    for &n in &args.records {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
        let records: Vec<serde_json::Value> = (0..n).map(|i| record(&mut rng, i)).collect();
        let mut input = Vec::new();
        let mut metadata = Vec::new();
        for r in &records {
            serde_json::to_writer(&mut input, r).expect("JSON to memory");
            input.push(b'\n');
            let mut meta = r.clone();
            meta.as_object_mut().expect("an object").remove("narrative");
            serde_json::to_writer(&mut metadata, &meta).expect("JSON to memory");
            metadata.push(b'\n');
        }
        let vault = base.join(format!("vault-{n}"));
        let init = measure(tvault(&vault).arg("init"), None)?;
        if !init.ok {
            return Err(CliError::failure("bench: init failed"));
        }
        let add = measure(tvault(&vault).args(["add", "--from", "-"]), Some(&input))?;
        if !add.ok {
            return Err(CliError::failure("bench: add failed"));
        }
        let one = serde_json::to_vec(&record(&mut rng, n)).expect("JSON to memory");
        let empty = base.join(format!("empty-{n}"));
        measure(tvault(&empty).arg("init"), None)?;
        let (mut into_full, mut into_empty) = (Vec::new(), Vec::new());
        for _ in 0..args.runs {
            into_full.push(time(tvault(&vault).args(["add", "--from", "-"]), Some(&one))?.wall);
            into_empty.push(time(tvault(&empty).args(["add", "--from", "-"]), Some(&one))?.wall);
        }
        ui.line("")?;
        ui.line(&format!(
            "## {n} records ({:.1} MiB of metadata as JSON, {:.1} MiB with narratives)",
            metadata.len() as f64 / 1048576.0,
            input.len() as f64 / 1048576.0
        ))?;
        ui.line("")?;
        ui.line("| measure | result |")?;
        ui.line("| --- | --- |")?;
        ui.line(&format!(
            "| add {n} in one batch | {:.2} s ({:.0} records/s), peak {} MiB |",
            add.wall.as_secs_f64(),
            n as f64 / add.wall.as_secs_f64(),
            add.peak_kib / 1024
        ))?;
        let (full, empty_t) = (median(into_full), median(into_empty));
        ui.line(&format!(
            "| add 1 record: into this vault / into an empty vault | {} / {} (ratio {:.2}) |",
            ms(full),
            ms(empty_t),
            full.as_secs_f64() / empty_t.as_secs_f64()
        ))?;
        let queries: &[&[&str]] = &[
            &["Петрука"],
            &["union:BITU", "status:convicted_in_absentia", "date:2022.."],
            &[
                "perpetrator:GUBOPiK",
                "act:interrogation",
                "place:Салігорск",
            ],
            &["\"Minsk Region\"", "-tag:strike"],
        ];
        let mut search_median = Duration::ZERO;
        for query in queries {
            let mut walls = Vec::new();
            let mut hits = 0;
            for _ in 0..args.runs {
                let run = time(tvault(&vault).arg("search").args(*query), None)?;
                if !run.ok {
                    return Err(CliError::failure(format!("bench: search {query:?} failed")));
                }
                hits = run
                    .stdout
                    .split(|b| *b == b'\n')
                    .filter(|l| !l.is_empty())
                    .count()
                    .saturating_sub(1);
                walls.push(run.wall);
            }
            let peak = measure(tvault(&vault).arg("search").args(*query), None)?.peak_kib;
            let wall = median(walls);
            search_median = search_median.max(wall);
            ui.line(&format!(
                "| search `{}` | {} ({hits} hits), peak {} MiB ({:.2}x the metadata) |",
                query.join(" "),
                ms(wall),
                peak / 1024,
                (peak * 1024) as f64 / metadata.len() as f64
            ))?;
        }
        let mut walls = Vec::new();
        for _ in 0..args.runs {
            walls.push(time(tvault(&vault).arg("list"), None)?.wall);
        }
        ui.line(&format!("| list | {} |", ms(median(walls))))?;
        for format in ["json", "md"] {
            let export = [
                "export",
                "--purpose",
                "ilo_cfa",
                "--format",
                format,
                "--out",
                "-",
            ];
            let mut walls = Vec::new();
            for _ in 0..args.runs {
                let run = time(tvault(&vault).args(export), None)?;
                if !run.ok {
                    return Err(CliError::failure(format!(
                        "bench: export --format {format} failed"
                    )));
                }
                walls.push(run.wall);
            }
            let peak = measure(tvault(&vault).args(export), None)?.peak_kib;
            ui.line(&format!(
                "| export of {n} redacted summaries (`--format {format}`) | {}, peak {} MiB |",
                ms(median(walls)),
                peak / 1024
            ))?;
        }
        let verify = time(tvault(&vault).arg("verify"), None)?;
        ui.line(&format!(
            "| verify (every byte against the journal) | {} |",
            ms(verify.wall)
        ))?;
        if age_available {
            let file: PathBuf = base.join(format!("metadata-{n}.age"));
            let ct = key
                .encrypt(&metadata)
                .map_err(|e| CliError::failure(format!("bench: {e}")))?;
            store::write_atomic(base, &file, &ct)?;
            let mut walls = Vec::new();
            for _ in 0..args.runs {
                let mut c = Command::new("age");
                c.arg("-d").arg("-i").arg(&id_file).arg(&file);
                walls.push(time(&mut c, None)?.wall);
            }
            let age_wall = median(walls);
            ui.line(&format!(
                "| stock `age -d` of one file holding the same metadata | {} (slowest search / age = {:.2}) |",
                ms(age_wall),
                search_median.as_secs_f64() / age_wall.as_secs_f64()
            ))?;
        } else {
            ui.line("| stock `age -d` baseline | skipped: `age` is not installed |")?;
        }
        let _ = std::fs::remove_dir_all(&vault);
        let _ = std::fs::remove_dir_all(&empty);
    }
    if args.attachment_mib > 0 {
        bench_attachments(args, base, &key, &id_file, &tvault, ui)?;
    }
    Ok(())
}

/// Writes `mib` MiB of deterministic, incompressible-looking bytes to `path`.
fn synthetic_file(path: &Path, mib: u64) -> Result<(), CliError> {
    let fail = |e: std::io::Error| CliError::failure(format!("bench: {}: {e}", path.display()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(fail)?);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut block = vec![0u8; 1 << 20];
    for _ in 0..mib {
        for word in block.chunks_exact_mut(8) {
            word.copy_from_slice(&rng.next().to_le_bytes());
        }
        out.write_all(&block).map_err(fail)?;
    }
    out.flush().map_err(fail)
}

/// Attachments: `tvault attach` and `tvault extract` of one big file against `rage` encrypting
/// and decrypting the same file to the same kind of recipient, run in alternation so that both
/// meet the same page cache; throughput from the median wall time, and peak memory.
fn bench_attachments(
    args: &BenchArgs,
    base: &Path,
    key: &VaultIdentity,
    id_file: &Path,
    tvault: &dyn Fn(&Path) -> Command,
    ui: &mut Ui,
) -> Result<(), CliError> {
    let mib = args.attachment_mib;
    let rage = args.rage.clone().unwrap_or_else(|| PathBuf::from("rage"));
    let rage_available = Command::new(&rage)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let source = base.join("attachment.bin");
    synthetic_file(&source, mib)?;
    let vault = base.join("vault-attachments");
    if !measure(tvault(&vault).arg("init"), None)?.ok {
        return Err(CliError::failure("bench: init failed"));
    }
    let one = measure(
        tvault(&vault).args(["add", "--from", "-"]),
        Some(br#"{"witness": {"names": ["Bench Witness"]}}"#),
    )?;
    let id = String::from_utf8_lossy(&one.stdout).trim().to_owned();
    if !one.ok || id.is_empty() {
        return Err(CliError::failure("bench: add failed"));
    }
    let (rage_ct, rage_pt, extracted) = (
        base.join("rage.age"),
        base.join("rage.out"),
        base.join("extract.out"),
    );
    let recipient = key.recipient_string();
    let (mut enc, mut dec, mut att, mut ext) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut enc_sync, mut dec_sync) = (Vec::new(), Vec::new());
    let (mut att_peak, mut ext_peak, mut rage_peak) = (0, 0, 0);
    // Every timed command starts with nothing dirty in the page cache: tvault's commit flushes
    // the file system (its writes must be durable before the journal entry), and must not pay
    // for the previous command's writes. `rage` does not flush at all: the time of a `sync`
    // right after it is reported too, for a durable comparison.
    let timed_sync = || {
        let start = Instant::now();
        rustix::fs::sync();
        start.elapsed()
    };
    for _ in 0..args.runs {
        if rage_available {
            timed_sync();
            let mut c = Command::new(&rage);
            c.arg("-r")
                .arg(&recipient)
                .arg("-o")
                .arg(&rage_ct)
                .arg(&source);
            let run = measure(&mut c, None)?;
            rage_peak = rage_peak.max(run.peak_kib);
            enc.push(run.wall);
            enc_sync.push(run.wall + timed_sync());
            let _ = std::fs::remove_file(&rage_pt);
            timed_sync();
            let mut c = Command::new(&rage);
            c.arg("-d")
                .arg("-i")
                .arg(id_file)
                .arg("-o")
                .arg(&rage_pt)
                .arg(&rage_ct);
            let run = measure(&mut c, None)?;
            rage_peak = rage_peak.max(run.peak_kib);
            dec.push(run.wall);
            dec_sync.push(run.wall + timed_sync());
        }
        timed_sync();
        let run = measure(tvault(&vault).arg("attach").arg(&id).arg(&source), None)?;
        if !run.ok {
            return Err(CliError::failure("bench: attach failed"));
        }
        att_peak = att_peak.max(run.peak_kib);
        att.push(run.wall);
        // As for rage: the previous output is removed before the clock starts (replacing it
        // would make tvault pay for freeing a gigabyte that rage never pays for).
        let _ = std::fs::remove_file(&extracted);
        timed_sync();
        let run = measure(
            tvault(&vault)
                .args(["extract", &id, "1", "--force", "--out"])
                .arg(&extracted),
            None,
        )?;
        if !run.ok {
            return Err(CliError::failure("bench: extract failed"));
        }
        ext_peak = ext_peak.max(run.peak_kib);
        ext.push(run.wall);
    }
    let rate = |d: Duration| mib as f64 / d.as_secs_f64();
    ui.line("")?;
    ui.line(&format!(
        "## Attachments: one file of {mib} MiB, medians of {} runs",
        args.runs
    ))?;
    ui.line("")?;
    ui.line("| measure | tvault (durable) | rage | tvault / rage | rage + sync | tvault / (rage + sync) |")?;
    ui.line("| --- | --- | --- | --- | --- | --- |")?;
    let rate_text = |d: Duration| format!("{:.2} s ({:.0} MiB/s)", d.as_secs_f64(), rate(d));
    let row = |what: &str, ours: Duration, peak: u64, theirs: Option<(Duration, Duration)>| {
        let ratio = |t: Duration| format!("{:.0}%", 100.0 * rate(ours) / rate(t));
        let rest = match theirs {
            Some((plain, synced)) => format!(
                "{} | {} | {} | {}",
                rate_text(plain),
                ratio(plain),
                rate_text(synced),
                ratio(synced)
            ),
            None => "not installed | - | - | -".to_owned(),
        };
        format!(
            "| {what} | {}, peak {} MiB | {rest} |",
            rate_text(ours),
            peak / 1024
        )
    };
    let (enc, dec) = if rage_available {
        (
            Some((median(enc), median(enc_sync))),
            Some((median(dec), median(dec_sync))),
        )
    } else {
        (None, None)
    };
    ui.line(&row(
        "attach (encrypt) / `rage -r`",
        median(att),
        att_peak,
        enc,
    ))?;
    ui.line(&row(
        "extract (decrypt) / `rage -d`",
        median(ext),
        ext_peak,
        dec,
    ))?;
    if rage_available {
        ui.line(&format!(
            "| rage peak memory | | {} MiB | |",
            rage_peak / 1024
        ))?;
    }
    for path in [&source, &rage_ct, &rage_pt, &extracted] {
        let _ = std::fs::remove_file(path);
    }
    let _ = std::fs::remove_dir_all(&vault);
    Ok(())
}
