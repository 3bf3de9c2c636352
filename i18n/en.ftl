# tvault interface messages: English (the fallback; ids are stable, see src/cli/i18n.rs).
# Vocabulary codes, JSON field names and exit codes are never translated.

## Help (--help); the clap doc comments in src/cli/args.rs are the English source

help-heading-options = Options
help-heading-arguments = Arguments
help-heading-commands = Commands
help-heading-usage = Usage:
help-flag-help = Print help
help-flag-version = Print version
help-about = An encrypted, portable vault for testimonies of persecuted trade unionists
help-arg-vault = The vault directory [default: the current directory, if it is a vault]
help-arg-identity = Unlock with an age identity file (AGE-SECRET-KEY-1... lines) or an unencrypted SSH private key that the vault was shared with
help-arg-passphrase_file = Unlock with the passphrase on the first line of FILE
help-arg-json = Machine-readable output: JSON Lines, or one JSON object for `show`
help-arg-lang = Interface language: en, be or ru [default: TVAULT_LANG, else the locale, else en]
help-cmd-init = Create a new vault in an empty or absent directory; prints its public fingerprint
help-init-recipients = A recovery public key (age1..., ssh-ed25519/ssh-rsa ..., or a plugin key such as age1yubikey1...) that can also open the vault; repeatable
help-init-recipients_files = A file of recovery public keys, one per line (# comments allowed)
help-init-work_factor = scrypt work factor of the passphrase (log2 N): 18 takes about a second; lower values are only for tests
help-cmd-add = Add testimonies from a JSON file or stdin, or by a guided prompt on a terminal; prints the new record ids
help-add-from = JSON input: one record, an array of records, or JSON Lines; `-` reads stdin
help-add-attach = Attach a file to the new record (repeatable; the input must hold exactly one record): it is streamed into the vault encrypted, its SHA-256 taken on the way in
help-cmd-list = List every current record
help-cmd-show = Show one record (an unambiguous id prefix of 6 or more characters is accepted)
help-show-id = Record id, or an unambiguous prefix of at least 6 characters
help-cmd-search = Search the records' metadata (decrypted in memory only); prints matching records, most recent act first
help-search-query = The query (see below); no query lists every record
help-search-narrative = Also search the narrative (slower: decrypts each record)
help-search-limit = Print at most N records
help-search-after = QUERY: words are ANDed; -word negates; "a phrase" matches a phrase; field:value restricts to a field (name, status, act, place, union, employer, perpetrator, charge, tag, purpose, risk); date:FROM..TO matches acts whose dates overlap (either side may be empty; YYYY, YYYY-MM or YYYY-MM-DD). Matching ignores case and diacritics, meets Cyrillic and Latin spellings of a name, and tolerates Slavic inflection.

    Examples:
      tvault search Лукашэвіч
      tvault search union:BITU status:convicted_in_absentia date:2022..
      tvault search perpetrator:GUBOPiK act:interrogation place:Salihorsk
help-cmd-export = Export redacted summaries of the matching records (all without a query) for one purpose, as the witnesses' consent allows
help-export-query = The query, as for `search`; no query exports every record
help-export-purpose = What the export is for; each record's consent for this purpose decides what leaves
help-export-format = Output format
help-export-out = Write the export to FILE (`-`: standard output, even a terminal) [default: standard output, unless it is a terminal]
help-export-report = Also write a redaction report (JSON: counts by kind and record, withheld records by reason, generalisations; never a removed value) to FILE
help-export-force = Replace FILE of --out and --report if it exists
help-export-include_narrative = Include the testimony itself (redacted like every other text)
help-export-keep_unlisted_names = Do not remove names that nobody listed in a record but that look like names
help-export-narrative = Let the query also search the narrative (slower: decrypts each record)
help-export-after = For each matching record, its consent for --purpose decides: none, no_use or aggregate_only: withheld (counted, never listed); anonymous: no name (`Witness 1`, ...); pseudonym: the record's pseudonym or a stable one derived from a vault secret; named_limited: the primary name is kept; named_full: also full dates and places. Whatever the level, contacts, whereabouts, residence, third parties, interviewers, sensitive terms, phone numbers, e-mail addresses, handles, ID numbers, addresses and plates are removed from every field and from free text, and officials are removed unless the purpose is accountability. The finished output is re-scanned; if anything is left, nothing is written and the record is named. docs/EXPORT.md explains every rule.

    The export is plaintext: it is never printed to a terminal unless you pass --out -.

    Examples:
      tvault export --purpose ilo_cfa --format md --out ilo.md --report ilo-report.json
      tvault export union:BITU date:2022.. --purpose ohchr --format json --out ohchr.json
help-cmd-reindex = Rebuild the encrypted search index from the records
help-cmd-passwd = Change the passphrase without rewriting any record
help-passwd-new_passphrase_file = Read the new passphrase from the first line of FILE instead of prompting twice
help-passwd-work_factor = scrypt work factor for the new passphrase [default: keep the current one]
help-cmd-verify = Check every file against the integrity journal; exit 1 if anything is wrong
help-verify-deep = Also decrypt and re-validate every record, and decrypt every attachment to check its original's SHA-256
help-verify-expect = The journal head fingerprint written down after an earlier verify: detects a rollback of the whole vault to an earlier state
help-cmd-info = Describe the vault: id, formats, record count, recipients, passphrase strength, index and journal state (decrypts nothing but the key slot, config, journal and index)
help-cmd-completions = Print a shell completion script (bash, zsh, fish, powershell, elvish)
help-completions-shell = The shell
help-completions-after = Install, for example:
      bash: tvault completions bash > ~/.local/share/bash-completion/completions/tvault
      zsh:  tvault completions zsh > ~/.zfunc/_tvault   (with fpath+=~/.zfunc before compinit)
      fish: tvault completions fish > ~/.config/fish/completions/tvault.fish
help-cmd-man = Print the man page (roff) on standard output
help-man-after = Install, for example: tvault man > ~/.local/share/man/man1/tvault.1
help-cmd-demo = Run every command on a throwaway vault of fictional testimonies, then remove it
help-demo-keep = Keep the demo vault in this (empty or absent) directory instead of removing it; its passphrase file is written next to it
help-cmd-bench = Measure add, search, list, export and verify on synthetic vaults (a Markdown report)
help-bench-records = Sizes of the synthetic vaults, in records; repeatable
help-bench-runs = Runs of each timed command (the median is reported)

## Errors and hints of the vault core (src/cli/error.rs)

err-not-a-vault = { $path } is not a tvault vault
hint-not-a-vault = pass --vault DIR (or set TVAULT_VAULT), or create a vault with `tvault init`
err-not-empty = { $path } is not empty; a vault is created in an empty or new directory
hint-not-empty = choose a new directory, e.g. --vault /media/usb/vault
err-newer-format = { $path } has format version { $found }, newer than this tvault supports ({ $supported })
hint-newer-format = upgrade tvault to open this vault
err-wrong-key = wrong passphrase or identity
err-no-passphrase-slot = this vault has no passphrase; it opens only with an identity
hint-pass-identity = pass --identity FILE
err-no-recipients-slot = this vault has no recovery recipients; it opens only with its passphrase
hint-pass-passphrase = pass --passphrase-file FILE or type the passphrase
err-excessive-work = { $path }: scrypt work factor { $found } is above the accepted maximum { $max }
hint-excessive-work = the key slot may have been tampered with; run `tvault verify` on a trusted copy
err-locked = the vault is in use by another tvault command ({ $path })
hint-locked = wait for the other command to finish, then try again
err-symlink = { $path } is a symbolic link; tvault never follows links inside a vault
err-invalid-record = invalid record: { $reason }
err-record-not-found = no record with id { $id }
hint-record-not-found = `tvault list` shows every record id
err-ambiguous-id = id prefix { $prefix } matches { $count } records
hint-ambiguous-id = type more characters of the id
err-identity-file = identity file: { $reason }

## Finding and unlocking the vault (src/cli/unlock.rs)

err-cwd = cannot read the current directory: { $reason }
err-no-vault-given = no vault given and the current directory is not a vault
hint-no-vault-given = pass --vault DIR or set TVAULT_VAULT
prompt-passphrase = Passphrase for { $vault }:{" "}
what-identity-file = identity file
what-passphrase-file = passphrase file
err-identity-file-path = identity file { $path }: { $reason }
err-passphrase-file-utf8 = passphrase file { $path } is not UTF-8 text
err-passphrase-file-empty = passphrase file { $path } has an empty first line
err-cannot-read = cannot read { $what } { $path }: { $reason }
err-too-large = { $what } { $path } is too large
err-no-terminal-passphrase = no terminal to ask for the passphrase
hint-no-terminal = pass --passphrase-file FILE or --identity FILE (or set TVAULT_PASSPHRASE_FILE / TVAULT_IDENTITY)
err-terminal-read = cannot read from the terminal: { $reason }
err-no-terminal-confirm = no terminal to ask for confirmation
confirm-default-yes = Y/n
confirm-default-no = y/N
warn-short-passphrase-file = the passphrase in { $path } is shorter than { $min } characters; anyone who seizes the vault can try to guess it offline
err-no-terminal-new-passphrase = no terminal to ask for a new passphrase
prompt-new-passphrase = New passphrase (leave empty to generate a strong one):{" "}
note-generated-passphrase = Generated passphrase (write it down now; it is shown only this once):
confirm-short-passphrase = This passphrase has only { $len } characters; a seized vault can be attacked offline. Use it anyway?
err-passphrase-too-short = passphrase refused as too short
hint-passphrase-too-short = leave the passphrase empty to have a strong one generated
prompt-repeat-passphrase = Repeat the passphrase:{" "}
err-passphrases-differ = the two passphrases differ

## The guided `add` (src/cli/guided.rs)

guided-input-ended = input ended; nothing added
guided-list-suffix = (separate with ;)
guided-date-suffix = (YYYY, YYYY-MM or YYYY-MM-DD; ? or ~ if unsure)
guided-not-a-date = not a date of that form; try again, or leave empty
guided-choice = Number (1-{ $count }) or code, empty to skip
guided-choose = choose a number or one of the listed codes, or leave empty
guided-multiline = (several lines; a line with a single . ends it):
guided-place-country = { $what }: country code (e.g. BY)
guided-place-region = { $what }: region
guided-place-locality = { $what }: town or village
guided-intro = New testimony. Leave a field empty to skip it. Everything stays in memory until saved encrypted.
guided-names = Witness names, in every spelling used
guided-names-needed = at least one name is needed (it is never exported without consent)
guided-title = Working title
guided-language = Language of the testimony (be, ru, en, ...)
guided-pseudonym = Pseudonym for exports (e.g. Worker B-17)
guided-sex = Sex
guided-birth-date = Birth date
guided-occupation = Occupation
guided-employer = Employer
guided-union = Union
guided-union-role = Role in the union
guided-status = Current status
guided-status-as-of = Status as of
guided-whereabouts = Whereabouts (e.g. penal colony)
guided-residence = Residence
guided-contact = Contact (phone, messenger)
guided-interview = Record interview details?
guided-interview-date = Interview date
guided-interview-mode = Interview mode (in_person, video_call, ...)
guided-interviewer = Interviewer (initials)
guided-interview-place = Interview place
guided-add-act = Add an act of persecution?
guided-add-another-act = Add another act?
guided-act-type = Act type
guided-act-date = Date of the act
guided-act-place = Place of the act
guided-perpetrators = State bodies responsible (e.g. KGB)
guided-officials = Officials involved, by name
guided-charges = Charges (e.g. CC 361-1)
guided-sentence = Sentence
guided-in-absentia = In absentia?
guided-notes = Notes
guided-add-person = Add a third person named in the testimony?
guided-add-another-person = Add another person?
guided-person-name = Name
guided-person-relation = Relation (co-defendant, relative, ...)
guided-add-consent = Record consent for a purpose?
guided-add-another-consent = Consent for another purpose?
guided-purpose = Purpose
guided-consent-dup = consent for this purpose is already recorded
guided-level = Level
guided-conditions = Conditions
guided-risk = Risk to the witness
guided-tags = Tags
guided-sensitive = Terms that must never appear in an export
guided-summary = Summary
guided-narrative = Testimony
guided-save = Save this testimony, encrypted, in the vault?

## Labels of the vocabulary codes (tables, prompts, Markdown exports); the codes never change

vocab-male = male
vocab-female = female
vocab-other = other
vocab-unknown = unknown
vocab-at-liberty = at liberty
vocab-administrative-arrest = administrative arrest
vocab-detained-pretrial = detained before trial
vocab-on-trial = on trial
vocab-serving-sentence = serving a sentence
vocab-restricted-freedom = restricted freedom
vocab-released = released
vocab-in-exile = in exile
vocab-convicted-in-absentia = convicted in absentia
vocab-wanted = wanted
vocab-missing = missing
vocab-deceased = deceased
vocab-arrest = arrest
vocab-detention = detention
vocab-search = search
vocab-seizure = seizure
vocab-interrogation = interrogation
vocab-ill-treatment = ill-treatment
vocab-torture = torture
vocab-threats = threats
vocab-pressure-on-relatives = pressure on relatives
vocab-dismissal = dismissal from work
vocab-denied-workplace-access = denied access to the workplace
vocab-criminal-case = criminal case
vocab-conviction = conviction
vocab-trial-in-absentia = trial in absentia
vocab-extremist-designation = designated "extremist"
vocab-extremist-list = put on the "extremist" list
vocab-union-liquidation = union liquidated
vocab-asset-confiscation = assets confiscated
vocab-property-confiscation = property confiscated
vocab-citizenship-deprivation = deprived of citizenship
vocab-travel-ban = travel ban
vocab-forced-exile = forced into exile
vocab-forced-confession-video = forced "confession" video
vocab-denial-of-medical-care = denied medical care
vocab-incommunicado = held incommunicado
vocab-internal = internal use
vocab-partner = partner organisations
vocab-ilo-cfa = ILO Committee on Freedom of Association
vocab-un-special-procedures = UN special procedures
vocab-ohchr = Office of the UN High Commissioner for Human Rights
vocab-public-report = public report
vocab-media = media
vocab-accountability = accountability proceedings
vocab-no-use = no use
vocab-aggregate-only = aggregate figures only
vocab-anonymous = anonymous
vocab-pseudonym = under a pseudonym
vocab-named-limited = named (limited)
vocab-named-full = named (full)
vocab-low = low
vocab-medium = medium
vocab-high = high
vocab-critical = critical

## Tables and `show` (src/cli/render.rs)

col-id = ID
col-updated = UPDATED
col-status = STATUS
col-witness = WITNESS
col-title = TITLE
col-latest-act = LATEST ACT
show-record = Record { $id } (version { $version })
show-created = Created { $created }, updated { $updated }
show-title = Title
show-language = Language
show-witness = Witness
show-names = Names
show-pseudonym = Pseudonym
show-sex = Sex
show-born = Born
show-occupation = Occupation
show-employer = Employer
show-unions = Unions
show-status-as-of = { $status } (as of { $date })
show-status = Status
show-whereabouts = Whereabouts
show-residence = Residence
show-contact = Contact
show-interview = Interview
show-date = Date
show-mode = Mode
show-interviewer = Interviewer
show-place = Place
show-acts = Acts
show-in-absentia = in absentia
show-perpetrators = Perpetrators
show-officials = Officials
show-charges = Charges
show-sentence = Sentence
show-notes = Notes
show-people = People
show-consent = Consent
show-risk = Risk
show-tags = Tags
show-sensitive-terms = Sensitive terms
show-summary = Summary
show-narrative = Narrative
warn-skipped = skipped { $path }: { $reason }
err-unreadable-files = { $count } file(s) in the vault could not be read
hint-unreadable-files = the vault may be damaged or tampered with: run `tvault verify` for a full report, and keep this copy unchanged
err-write-output = cannot write output: { $reason }

## Commands

err-input-invalid = { $input }: invalid record: { $reason }
hint-input-invalid = nothing was added; fix the record and run the same command again
err-input-empty = { $input }: no records in the input
err-no-input = no input: pass --from FILE, or --from - to read stdin
hint-no-input = without --from, add asks field by field on a terminal
note-nothing-added = nothing added
note-added = added { $count } { $count ->
    [one] record
   *[other] records
}
err-read-stdin = cannot read stdin: { $reason }
err-read-input = cannot read { $input }: { $reason }
err-input-too-large = { $input }: input larger than { $max } MiB (each record may be at most { $record_max } MiB)
err-bad-recipient = --recipient number { $number } is not an age1... or ssh- public key
err-read-recipients-file = cannot read recipients file { $path }: { $reason }
err-bad-recipient-line = recipients file { $path } line { $line }: not an age1... or ssh- public key
err-init-identity-not-age = identity file { $path }: only age identities (AGE-SECRET-KEY-1...) can be used with init
hint-init-identity-not-age = pass the public key with --recipient instead
note-no-passphrase-set = note: no passphrase set; the vault opens only with the identity (add one with `tvault passwd`)
note-created-vault = created vault { $path }
err-id-characters = a record id has only the characters 0-9 and a-z (no i, l, o, u)
err-id-too-short = an id prefix needs at least { $min } characters
note-passphrase-changed = passphrase changed (scrypt work factor { $work_factor }); no record was rewritten
note-index-rebuilt = index rebuilt: { $count } records
verify-problem = PROBLEM { $path }: { $reason }
verify-head = journal head: { $head }
verify-counts = { $records } records, { $files } files checked{ $deep ->
    [yes] {" "}and decrypted
   *[no] {""}
}, { $entries } journal entries
verify-pending = { $count } file(s) of an interrupted write are committed and will be moved into place by the next writing command
verify-ok = ok: every file matches the integrity journal
verify-problems-found = { $count } problem(s) found
err-verify-found = verify found { $count } problem(s)
hint-verify-found = keep this copy unchanged as evidence and compare it with a trusted copy
note-index-saved = the search index was missing, damaged or incomplete ({ $count } record(s) rebuilt from the records); saved
warn-index-not-saved = the search index needs rebuilding but could not be saved: { $reason }

## Export (src/cli/cmd_export.rs)

err-report-stdout = --report needs a file name, not -
err-out-report-same = --out and --report name the same file
err-export-leak = record { $id }: the redacted export still contains something of kind { $kinds } after redaction; nothing was written
hint-export-leak = edit the record (list the name in `people` or `sensitive_terms`) or withhold it, and export again; please report this case
note-exported = exported { $count } record(s) for purpose { $purpose }; { $withheld } withheld (no consent for this purpose)
note-export-conditions = { $count } exported record(s) carry conditions on their consent (consent_conditions): check them before sending
err-export-terminal = refusing to print a plaintext export to the terminal
hint-export-terminal = write it to a file with --out FILE, or pass --out - to print it anyway
err-out-is-dir = { $flag } { $path } is a directory
err-out-exists = { $path } already exists
hint-out-exists = pass --force to replace it, or choose another file name
err-out-inside-vault = { $path } is inside the vault directory; an export is plaintext and must not be stored there
hint-out-inside-vault = write it outside the vault, e.g. on the laptop's encrypted disk
err-write-file = cannot write { $path }: { $reason }

## Usage errors (clap's own message stays as clap words it)

hint-usage = usage: { $usage } (see --help)
hint-see-help = see tvault --help

## info (src/cli/cmd_info.rs)

info-vault = vault
info-vault-id = vault id
info-fingerprint = fingerprint
info-created = created
info-format = format version
info-records = records
info-passphrase = passphrase
info-passphrase-yes = yes, scrypt work factor { $work_factor }
info-passphrase-none = none (opens only with an identity)
info-recipients = recipients
info-recipients-none = none (no recovery key: a forgotten passphrase loses the vault)
info-index = index
info-index-value = { $segments } segment(s), { $state }
info-index-ok = up to date
info-index-stale = needs rebuilding ({ $missing } record(s) missing, { $damaged } damaged segment(s)); run `tvault reindex`
info-journal = journal
info-journal-value = { $files } file(s), head { $head }
warn-low-work-factor = the passphrase slot uses scrypt work factor { $work_factor }, below the default { $default }: a seized copy is cheaper to brute-force; run `tvault passwd --work-factor { $default }`

## Markdown export (src/export/markdown.rs; the export follows --lang)

md-title = Redacted testimony summaries
md-purpose = **Purpose:** { $purpose } ({ $label })
md-generated = **Generated:** { $time } by tvault { $version } (redaction rules { $rules })
md-records = **Records:** { $exported } exported; { $withheld } withheld because the witness did not consent to this use
md-redacted = **Redacted:** names of witnesses who did not consent to be named, of third parties and of interviewers, contacts, whereabouts, residence, identity numbers, addresses and vehicle plates are replaced by bracketed markers such as [PERSON 1] or [PHONE]; the same marker means the same person within one testimony. Unless the witness consented to full identification, dates are cut to the month, places to region and country, birth dates to the decade, and employer and occupation are left out.
md-officials-removed = **Officials** named in testimonies are removed (kept only for the purpose `accountability`).
md-record = Record
md-identification = Identification
md-witness = Witness
md-born = born { $date }
md-employer = employer: { $employer }
md-union = Union
md-status = Status
md-status-as-of = { $status } (as of { $date })
md-interview = Interview
md-language = Language
md-tags = Tags
md-conditions = Conditions of consent
md-acts = Acts
md-act = Act
md-by = By: { $value }.
md-officials = Officials: { $value }.
md-charges = Charges: { $value }.
md-sentence = Sentence: { $value }.
md-in-absentia = In absentia.
md-notes = Notes: { $value }
md-summary = Summary
md-testimony = Testimony

## Rejected records (src/cli/error.rs; never a value from the input)

rec-line = line { $line }
rec-empty-input = the input is empty
rec-syntax = invalid JSON at line { $line }, column { $column }
rec-unexpected-end = the JSON ends unexpectedly at line { $line }, column { $column }
rec-duplicate-field = a field is given twice in one object at line { $line }, column { $column }
rec-not-records = expected a JSON object (one record), an array of objects, or JSON Lines
rec-wrong-type = expected { $expected }
rec-type-string = a string
rec-type-boolean = a boolean
rec-type-object = an object
rec-type-strings = an array of strings
rec-type-objects = an array of objects
rec-unknown-field = unknown field "{ $field }"; allowed fields: { $allowed }
rec-missing-field = missing required field "{ $field }"
rec-vocabulary = not an allowed { $vocabulary }; allowed values: { $allowed }
rec-date = invalid date: { $reason }
rec-date-empty = empty date
rec-date-syntax = expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %, or an interval FROM/TO
rec-date-month = month must be 01 to 12
rec-date-day = day does not exist in that month
rec-date-both-open = an interval needs at least one end
rec-date-reversed = the interval starts after it ends
rec-language = not a BCP-47 language tag (letters and digits in subtags of 1 to 8 separated by "-", starting with 2-3 or 5-8 letters, e.g. "be" or "ru-Latn")
rec-no-names = must hold at least one name
rec-blank-name = must be a non-empty string that is not only whitespace
rec-duplicate-purpose = consent purpose given twice (first at { $first })
rec-string-too-long = string longer than the limit of { $limit } bytes
rec-record-too-large = record larger than the limit of { $limit } bytes
rec-cbor = malformed CBOR record encoding
rec-trailing-bytes = trailing bytes after the CBOR record
rec-schema = does not match the record schema

# recipients, rekey, destroy
help-cmd-recipients = List, add or remove the organisation recovery keys that can open the vault
help-cmd-recipients-list = Print the recovery recipients (public keys), one per line
help-cmd-recipients-add = Add recovery recipients; rewrites only the recipients key slot, no record
help-recipients-add-recipients = Public keys to add (age1..., ssh-ed25519/ssh-rsa ..., or a plugin key such as age1yubikey1...)
help-recipients-add-recipients_files = A file of public keys to add, one per line (# comments allowed)
help-cmd-recipients-remove = Remove recovery recipients; with --rekey also re-encrypts the whole vault, since a removed key may still hold an old copy of the key slot
help-recipients-remove-recipients = Public keys to remove, as `recipients list` prints them
help-recipients-remove-rekey = Also rekey the vault, so that the removed keys open nothing, not even old copies
help-cmd-rekey = Re-encrypt the whole vault to a new key (new identity and MAC key), so that no old key slot, recovery key or copied identity opens it any more; prints the new fingerprint
help-rekey-after = The passphrase and the recovery recipients stay as they are. A rekey killed half way is finished (or, if it had not reached its commit, forgotten) by the next tvault command; the vault is never half old, half new. Old copies of the vault (on other sticks, in backups) still open with the old keys: destroy them or keep them as safe as before.
help-cmd-destroy = Destroy the vault: overwrite and remove its key slots first, then every other file
help-destroy-after = Without --yes, destroy unlocks the vault and asks you to type its id. With --yes it asks nothing and needs no key. Overwriting cannot be guaranteed on flash media (USB sticks, SSDs, SD cards), and copies of the vault elsewhere still open with their keys.
help-destroy-yes = Do not ask; destroy at once (no passphrase or identity needed)
note-no-recipients = this vault has no recovery recipients; it opens only with its passphrase
err-no-recipient-given = no recipient given
note-recipient-present = { $recipient } is already a recipient
note-recipients-added = { $count ->
    [one] { $count } recipient added
   *[other] { $count } recipients added
}; no record was rewritten
err-not-a-recipient = recipient { $number } is not a recipient of this vault
hint-not-a-recipient = `tvault recipients list` prints them exactly as they are stored
note-recipients-removed = { $count ->
    [one] { $count } recipient removed
   *[other] { $count } recipients removed
} from the key slot
warn-removed-key-may-hold-copy = a removed key that ever opened this vault may still hold an old copy of the key slot, and with it every record; run `tvault rekey` (or `recipients remove --rekey`) to lock it out for good
err-config-recipient = the vault's config holds a recipient this tvault cannot read
err-last-unlock-method = the vault would have no passphrase and no recipient left to open it
hint-last-unlock-method = add another recipient first, or keep this one
prompt-rekey-passphrase = The vault's passphrase (the rekey writes it into the new key slot):{" "}
err-rekey-needs-passphrase = a rekey needs the vault's passphrase to write the new passphrase slot
hint-rekey-needs-passphrase = pass --passphrase-file FILE as well as --identity, or run it on a terminal
progress-rekey = re-encrypting: { $done } of { $total } files
note-rekeyed = the vault has a new key; every file was re-encrypted. Write down the new fingerprint (stdout) and the journal head (`tvault verify`)
prompt-destroy = This destroys the vault in { $path } for good. Type its id ({ $id }) to go on:
err-destroy-not-confirmed = the id typed does not match; nothing was destroyed
err-destroy-no-answer = no answer on standard input; nothing was destroyed
hint-destroy-yes = pass --yes to destroy without asking
note-destroyed = destroyed { $files } files of the vault in { $path }
note-destroy-kept-dir = the directory itself was kept: it holds files that are not the vault's
warn-destroy-flash = on flash media (USB sticks, SSDs, SD cards) and journaling file systems, overwritten blocks may survive in the device; the key slots went first, so what may survive is ciphertext without its key
warn-destroy-copies-passphrase = copies of this vault elsewhere (other sticks, backups, sync folders) still open with its passphrase
warn-destroy-copies-recipients = copies of this vault elsewhere (other sticks, backups, sync folders) still open with its passphrase and with { $count ->
    [one] this recovery key
   *[other] these { $count } recovery keys
}:
warn-destroy-copies-unknown = copies of this vault elsewhere (other sticks, backups, sync folders) still open with its passphrase and with every recovery key it had

# statuses of a woman (Belarusian and Russian agree them with the witness; English does not)
vocab-female-released = released
vocab-female-convicted-in-absentia = convicted in absentia
vocab-female-missing = missing
vocab-female-deceased = deceased

# the core's reasons for a damaged file (cli/reasons.rs); in English exactly the core's words
reason-not-in-journal = not in the journal: planted, or not written by this vault
reason-unexpected-entry = unexpected entry in the vault (planted?)
reason-symlink = symbolic link planted in the vault (never followed)
reason-record-missing = record { $a } version { $b } is missing (file deleted)
reason-file-missing = file is missing (deleted)
reason-record-altered = record { $a } version { $b }: altered since it was written (SHA-256 differs from the journal)
reason-altered = altered since it was written (SHA-256 differs from the journal)
reason-swapped = holds record { $a } version { $b }, but the journal says record { $c } version { $d } (swapped or duplicated)
reason-record-foreign = record { $a }: not encrypted to this vault
reason-config-foreign = not encrypted to this vault's key (replaced?)
reason-other-vault = belongs to another vault
reason-rekey-unfinishable = a rekey was committed but cannot be finished: its new files are missing from staging/ (copied or cleaned without them?); use a copy of the vault made before the rekey, or recover by hand (docs/FORMAT.md, "Rekey")
reason-slot-unvouched = key slot is not in the integrity journal
reason-slot-altered = key slot does not match the integrity journal (altered?)
reason-journal-broken = the integrity journal is missing or incomplete; refusing to write (run `tvault verify`)
reason-journal-forged = journal entry fails its HMAC (forged or altered)
reason-journal-entry-missing = journal entry { $a } is missing (history deleted or truncated)
reason-journal-dir-missing = the journal directory is missing
reason-journal-no-initial = the journal has no initial entry
reason-journal-empty = the journal holds no entry (deleted?)
reason-rollback = journal head is { $a }, not the expected { $b }: the vault was rolled back or changed since
reason-index-damaged = index segment is damaged
reason-too-large = file too large
reason-not-regular = not a regular file
reason-rekey-damaged = does not match the integrity journal; refusing to rekey a damaged vault (run `tvault verify`)
reason-record = record { $a }: { $b }
reason-index-segment = index segment: { $a }
reason-planted-file = not in the journal: planted file
reason-unexpected-in-journal = unexpected entry in journal/ (planted file, directory or symbolic link)

# usage errors that clap words in English (cli/mod.rs; English keeps clap's own words)
err-clap-unknown-argument = unexpected argument '{ $arg }'
err-clap-unknown-command = unrecognized subcommand '{ $command }'
err-clap-invalid-value-of = invalid value '{ $value }' for '{ $arg }' (possible values: { $valid })
err-clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
err-clap-missing = the following required arguments were not provided: { $args }
err-clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
err-clap-values = wrong number of values for '{ $arg }'
man-commands = COMMANDS
man-exit-status = EXIT STATUS
man-exit-codes = 0 success (including a search with no hits); 1 the operation failed or found a problem; 2 usage error; 130 interrupted.
## Edits with history, delete, purge, merge (issue 7: edit)

help-show-version = Show version N of the record (versions count from 1; `history` lists them)
help-cmd-edit = Write a new version of a record from JSON (a complete record, or a partial one applied as a JSON merge patch), or in an editor on a terminal
help-edit-id = Record id, or an unambiguous prefix of at least 6 characters
help-edit-from = JSON input: a complete record (replaces the current version; `show --json` output is accepted) or a partial one (a JSON merge patch: given fields replace, null removes); `-` reads stdin [default: an editor, on a terminal]
help-edit-patch = Apply the input as a JSON merge patch even when it names witness.names
help-cmd-history = List the versions of a record: when, what (created, edited, deleted, conflict) and which fields changed
help-history-id = Record id, or an unambiguous prefix of at least 6 characters
help-cmd-delete = Delete a record: a new version marks it deleted (hidden from list, search and export; its history stays until a purge)
help-delete-id = Record id, or an unambiguous prefix of at least 6 characters
help-cmd-purge = Remove every version and attachment of a record for good
help-purge-id = Record id, or an unambiguous prefix of at least 6 characters
help-purge-yes = Do not ask for confirmation on a terminal (scripts are never asked)
help-cmd-merge = Take into this vault what another copy of it has and this one lacks (or, with --import, the records of another vault)
help-merge-dir = The other vault directory (another copy of this vault, or with --import another vault)
help-merge-import = DIR is a different vault: re-encrypt its current records into this one under new ids (prints OLD-ID -> NEW-ID lines)
help-merge-from_identity = With --import: unlock the other vault with this identity file [default: the same credentials as this vault, else a prompt]
help-merge-from_passphrase_file = With --import: unlock the other vault with the passphrase on the first line of FILE
col-version = VERSION
col-time = TIME
col-action = ACTION
col-changed = CHANGED
history-created = created
history-edited = edited
history-deleted = deleted
history-conflict = conflict
history-conflict-note = from { $copy } (its version { $original }), conflicts with version { $version }
mark-conflict = conflict
show-deleted = This version is a deletion: the record is deleted.
show-conflict = Conflict: this content came from { $copy } (its version { $original }) and conflicts with version { $version }; edit the record to resolve it.
rec-other-record = names another record than the one being edited
what-editor = the editor's file
err-record-deleted = record { $id } was deleted
hint-record-deleted = `tvault history { $id }` lists its versions; `tvault show { $id } --version N` shows one
err-version-not-found = record { $id } has no version { $version }
err-edit-invalid = { $input }: invalid edit: { $reason }
hint-edit-invalid = nothing was written; fix the input and run the same command again
err-edit-no-input = no input: pass --from FILE, or --from - to read stdin
hint-edit-no-input = without --from, edit opens an editor, but only on a terminal
err-no-memory-dir = no memory-backed place (/dev/shm or a tmpfs $XDG_RUNTIME_DIR) for the editor's file; refusing to write the record in clear to a disk
hint-no-memory-dir = use `tvault show --json ID` and `tvault edit ID --from -` with a pipe instead
err-editor-file = cannot use the editor's file in { $path }: { $reason }
err-editor-failed = the editor failed ({ $reason }); nothing was written
err-edit-changed = record { $id } was changed by another command while you were editing; nothing was written
note-edit-unchanged = record { $id }: nothing changed, nothing written
note-edited = record { $id }: version { $version } written
note-deleted = record { $id } deleted (version { $version } marks the deletion)
hint-deleted = its versions remain in the vault: `tvault history { $id }` lists them; `tvault purge { $id }` removes them for good
confirm-purge = Remove every version and attachment of record { $id } for good?
note-purge-cancelled = nothing purged
note-purged = record { $id } purged: { $versions } { $versions ->
    [one] version
   *[other] versions
} and { $attachments } { $attachments ->
    [one] attachment
   *[other] attachments
} removed, their bytes overwritten first
note-purge-remnants = what may remain: on flash media (USB sticks, SSDs) overwriting is not guaranteed to reach every copy of the bytes, and other copies of this vault and backups still hold the record; the journal keeps only the record's id and file hashes. To make any remnant unreadable, run `tvault rekey` now (records are re-encrypted to a new key), then purge the other copies too.
err-different-vault = { $path } is another vault, or a copy of this one from before a rekey
hint-different-vault = to take its records into this vault under new ids, use `tvault merge --import`
err-same-vault = { $path } is a copy of this same vault
hint-same-vault = use `tvault merge` without --import
err-merge-source-damaged = { $path } does not verify ({ $count } { $count ->
    [one] problem
   *[other] problems
}); nothing was merged
hint-merge-source-damaged = run `tvault verify --vault { $path }` for the report; merge only a copy that verifies
note-merge-up-to-date = this vault already has every record and version of { $path }
note-merged = merged { $path }: { $records } { $records ->
    [one] record
   *[other] records
} new or changed ({ $entries } journal entries, { $files } files taken)
note-merge-conflict = conflict: record { $id } was changed on both copies; version { $new } holds the other copy's content and conflicts with version { $version }
hint-merge-conflicts = compare with `tvault history ID` and `tvault show ID --version N`, then `tvault edit ID` to resolve (an edit that changes nothing resolves it as it is)
note-imported = imported { $count } { $count ->
    [one] record
   *[other] records
} from { $path } under new ids
note-import-already-here = not imported again, already here unchanged (that copy of this vault is from before a rekey): { $count } { $count ->
    [one] record
   *[other] records
}
note-no-records = the vault holds no records yet (`tvault add` adds one)
# attachments and chain of custody (issue 6)
help-add-shred_original = After the attached files are stored and checked, overwrite and remove the originals (flash media and journaling file systems may still keep copies)
help-cmd-attach = Attach files to a record (a new version of it); prints the new attachments' indices, one per line
help-attach-id = Record id, or an unambiguous prefix of at least 6 characters
help-attach-paths = The files to attach
help-attach-shred_original = After the files are stored and checked, overwrite and remove the originals (flash media and journaling file systems may still keep copies)
help-cmd-extract = Restore an attachment's original exactly, checking its SHA-256 on the way out
help-extract-id = Record id, or an unambiguous prefix of at least 6 characters
help-extract-attachment = The attachment: its 1-based index (as `show` lists them) or its file name
help-extract-out = Write the original to FILE (`-`: standard output, never a terminal); never inside the vault
help-extract-force = Replace FILE if it exists
help-cmd-custody = Print the chain of custody of a record's attachments (intake, extractions, exports) as a table, or JSON Lines with --json
help-custody-id = Record id, or an unambiguous prefix of at least 6 characters
note-attached = attached { $count } { $count ->
    [one] file
   *[other] files
} to record { $id }
err-attach-not-file = attachment { $position }: not a regular file
err-attach-unreadable = attachment { $position }: cannot read it: { $reason }
err-attach-twice = attachment { $position }: the same file is given twice
err-attach-one-record = --attach needs exactly one record in the input, not { $count }
progress-attaching = attaching { $index }/{ $count }
progress-extracting = extracting attachment { $index }
err-shred-not-stored = record { $id } has no attachment { $index }; the originals were left in place
err-shred-verify = record { $id } attachment { $index } does not read back ({ $reason }); the originals were left in place
err-shred-failed = attachment { $position } is stored, but its original could not be shredded: { $reason }
warn-shred-copies = the originals were overwritten and removed, but flash media (USB sticks, SSDs) and journaling or copy-on-write file systems may still keep copies of them; only full-disk encryption protects against that
err-extract-terminal = extract never writes an original to a terminal
hint-extract-terminal = give --out FILE, or redirect standard output to a file or a program
err-extract-failed = record { $id } attachment { $index }: { $reason }; no output file was written
hint-extract-failed = run `tvault verify --deep` to check every attachment
note-extracted = extracted attachment { $index } of record { $id } (SHA-256 { $sha256 }, checked)
err-no-such-attachment = record { $id } has no such attachment (it has { $count })
hint-no-such-attachment = give the attachment's index as `tvault show` lists it
err-attachment-name-ambiguous = { $count } attachments of record { $id } have that name
col-event = EVENT
col-attachment = #
col-sha256 = SHA-256
col-unlock = UNLOCKED WITH
col-name = FILE NAME
note-custody = { $count } custody { $count ->
    [one] event
   *[other] events
} for record { $id }
show-attachments = Attachments:
show-attachment-size = { $bytes } bytes
help-bench-attachment_mib = Size in MiB of the synthetic file for the attachment benchmark (attach and extract against `rage` encrypting and decrypting the same file); 0 skips it
help-bench-rage = The `rage` binary to compare attachments with [default: `rage` on PATH]

# demo narration
demo-intro = tvault demo: a throwaway vault of fictional testimonies in { $path } (passphrases and a recovery key for this demo only are in the same folder).
demo-step-init = 1. Create a vault with a passphrase (scrypt, work factor 18) and an organisation recovery key.
demo-step-add = 2. Add twenty testimonies from JSON on stdin; scripts unlock with an identity file.
demo-step-list = 3. List them (a table for people, --json for scripts).
demo-step-show = 4. Show one record by an id prefix, as text and as JSON.
demo-step-search = 5. Search the encrypted index in memory: any script, any spelling, any case ending; fields, dates, phrases and negation.
demo-step-export = 6. Export redacted summaries for the ILO, as each witness's consent for that purpose allows: names, contacts, whereabouts, third parties and identifiers removed in every script and case; records without consent withheld and only counted.
demo-step-verify = 7. Verify every byte against the integrity journal. Write the journal head down somewhere else: `verify --expect` detects a rollback later. A planted file is caught.
demo-step-bad-input = 8. Bad input is refused with the path of the field, and nothing is added.
demo-step-passwd = 9. Change the passphrase: one small key slot is rewritten, no record is touched.
demo-step-edit = 10. Facts change: an edit writes a new version (a JSON merge patch here) and keeps the old one; a copy carried on a colleague's stick is changed there and merged back.
demo-step-border = 11. What a border guard sees: random file names, sizes padded to buckets.
demo-step-age = 12. No lock-in: the stock `age` tool opens the vault with the recovery key (docs/FORMAT.md).
demo-step-attach = 13. Attach a (fictional) voice recording: streamed into the vault encrypted, its SHA-256 taken on the way in; its file name is kept only inside the encrypted record. Extract it again (the hash is checked on the way out), and print the chain of custody.
demo-step-rekey = 14. A new organisation recovery key; the old one leaves. `--rekey` gives the vault a new key and re-encrypts every file, so the old key opens nothing, not even an old copy of the key slot.
demo-step-destroy = 15. Emergency destroy (here of a copy): the key slots go first, then every file; no key is needed with --yes, and tvault says plainly what flash media may keep.
demo-kept = The demo vault is kept in { $path }.
demo-done = Done; the demo vault is now removed.
