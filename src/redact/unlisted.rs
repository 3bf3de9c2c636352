//! Names nobody listed: defenders forget to list everyone, so a personal name that looks like
//! one is removed as `[PERSON?]`, and every other mention of its surname in the record with it.
//!
//! Owns: the given-name lexicon (`given_names.txt`, matched through `fold::key`, so one
//! spelling covers every script and transliteration folding to it), the title words (also used
//! to drop titles from listed names), the shapes of Slavic surnames and patronymics, and the two
//! discovery rules. Must not match listed names (names.rs) or merge spans (mod.rs).
//!
//! Rules (both need a capitalised *partner*: a capitalised word that is not an acronym, not a
//! title and not a stop word such as a month, a weekday, a country or a court):
//! 1. A known given name with a partner right after it (name + surname, name + patronymic, up to
//!    three words and initials) or right before it (surname + name). The word before counts
//!    only if it does not begin a sentence, or has a surname shape, because sentences begin
//!    with capitals (`Then Ivan said`). Given names that are also ordinary words (`Вера`,
//!    `Надзея`, `Яна`, `Max`, marked `*` in the list) count only next to a surname-shaped word,
//!    a patronymic or an initial.
//! 2. A title (`следчы`, `судья`, `investigator`, `judge`, `капитан`, ...) followed by initials
//!    and a capitalised word, or by a capitalised word with a Slavic surname ending that is not
//!    followed by an institution word (`судья Ленинского районного суда` is a court).
//!
//! The surnames of what the rules find (the partners that are neither given names, nor
//! initials, nor patronymics beside another partner) are *learned*: `mod.rs` removes them
//! everywhere in the record. Precision matters as much as recall here, because a false
//! positive removes an ordinary word (a court, an agency, a month) from every field: so the
//! rules want two signals, never a capitalised word alone.

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::sync::LazyLock;

use super::pieces;
use super::tokens::{ACRONYM, CAP, CAPS, DOT, Gap, INITIAL, LOWER, SENTENCE, Token};
use crate::search::fold;

const GIVEN_NAMES: &str = include_str!("given_names.txt");

/// Capitalised words that are never part of a name: months, weekdays, countries and cities,
/// institutions, holidays. Compared by folded stem.
const STOP_WORDS: &str = "January February March April May June July August September October \
    November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday \
    студзень люты сакавік красавік травень чэрвень ліпень жнівень верасень кастрычнік \
    лістапад снежань январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь \
    декабрь панядзелак аўторак серада чацвер пятніца субота нядзеля понедельник вторник среда \
    четверг пятница суббота воскресенье \
    Belarus Belarusian Russia Russian Ukraine Ukrainian Poland Polish Lithuania Lithuanian Latvia \
    Europe European Soviet Minsk Moscow Warsaw Vilnius Kyiv Kiev Homel Gomel Hrodna Grodno Brest \
    Mahiliou Mogilev Vitebsk Viciebsk Salihorsk Soligorsk Navapolatsk Novopolotsk Zhlobin \
    Беларусь Расія Россия Украіна Украина Україна Польшча Польша Літва Литва Латвія Латвия Еўропа \
    Европа Масква Москва Мінск Минск Вільня Вильнюс Варшава Кіеў Киев Гомель Гродна Гродно Брэст \
    Брест Магілёў Могилёв Віцебск Витебск Салігорск Солигорск Наваполацк Новополоцк Жлобін \
    Court Regional District City Street Avenue Square Committee Ministry Interior Republic \
    Office Department Union Trade Independent Party Centre Center Human Rights Prison Colony \
    Penal Jail Telegram Instagram Facebook Twitter Viber WhatsApp Signal Zoom Skype YouTube \
    Christmas Easter God Lord Freedom Day Year New Mine Plant Works Factory Company \
    Бог Бога Госпадзе Господи Суд Камітэт Комитет Міністэрства Министерство Рэспубліка Республика \
    Каляды Вялікдзень Пасха Новы Новый Год Дзень День Беларуськалій Беларуськалий Азот Нафтан \
    Дэпартамент Департамент Служба Службы Управленне Управление Упраўленне Горка Горкі Горки \
    Sąd Sądu Prokuratura Prokuratury Okręgowy Rejonowy Apelacyjny Komenda Policja Straż Urząd \
    Bezpieczeństwa Бяспекі Безопасности Безпеки Krajowy Krajowa Krajowej Krajowego Okręgowego \
    Okręgowej Rejonowego Rejonowej Apelacyjnego Wojewódzki Wojewódzkiego";

/// Title words (folded with `fold::plain` when the lexicon is built): a word that is one of these, or (for the entries
/// ending in `-`) starts with one with at most three more letters (case endings).
const TITLES: &[&str] = &[
    // English (and abbreviations, written with or without a full stop)
    "investigator",
    "investigators",
    "judge",
    "judges",
    "prosecutor",
    "prosecutors",
    "officer",
    "officers",
    "captain",
    "lieutenant",
    "major",
    "colonel",
    "general",
    "sergeant",
    "inspector",
    "detective",
    "warden",
    "commander",
    "lawyer",
    "attorney",
    "advocate",
    "director",
    "deputy",
    "chairman",
    "chairwoman",
    "interrogator",
    "guard",
    "foreman",
    "supervisor",
    "boss",
    "chief",
    "doctor",
    "policeman",
    "policewoman",
    "jailer",
    "mr",
    "mrs",
    "ms",
    "miss",
    // Polish
    "pan",
    "pani",
    "pana",
    "panu",
    "dr",
    "lt",
    "col",
    "capt",
    "maj",
    "gen",
    "sgt",
    "insp",
    "det",
    // Russian
    "следовател-",
    "судья",
    "судьи",
    "судье",
    "судью",
    "судьеи",
    "судьею",
    "прокурор-",
    "оперуполномочен-",
    "опер",
    "начальник-",
    "капитан-",
    "лейтенант-",
    "майор-",
    "полковник-",
    "подполковник-",
    "генерал-",
    "сержант-",
    "прапорщик-",
    "инспектор-",
    "дознавател-",
    "участков-",
    "адвокат-",
    "защитник-",
    "оперативник-",
    "бригадир-",
    "врач",
    "врача",
    "врачу",
    "врачом",
    "враче",
    "мастер",
    "мастера",
    "мастеру",
    "директор-",
    "депутат-",
    "председател-",
    "надзирател-",
    "конвоир-",
    "господин-",
    "гражданин-",
    "пан",
    "пани",
    "контролер-",
    "начальниц-",
    "охранник-",
    "фельдшер-",
    "медсестр-",
    "следовательниц-",
    "следак-",
    "сотрудник-",
    "зампрокурор-",
    "замначальник-",
    "омоновц-",
    "омоновец",
    "милиционер-",
    // Belarusian
    "следч-",
    "суддз-",
    "пракурор-",
    "оперупаунаважан-",
    "начальнік-",
    "капітан-",
    "маер-",
    "палкоунік-",
    "падпалкоунік-",
    "прапаршчык-",
    "інспектар-",
    "дазнавальнік-",
    "участкоў-",
    "абаронц-",
    "дырэктар-",
    "дэпутат-",
    "старшын-",
    "наглядчык-",
    "канваір-",
    "спадар-",
    "грамадзянін-",
    "адвакат-",
    "аператыўнік-",
    "брыгадзір-",
    "урач",
    "урача",
    "урачу",
    "урачом",
    "доктар-",
    "майстар-",
    "кантралер-",
    "начальніц-",
    "ахоунік-",
    "лекар-",
    "медсястр-",
    "фельчар-",
    "фельдшар-",
    "надзорц-",
    "дазнауц-",
    "дазнавец",
    "супрацоунік-",
    "зампракурор-",
    "замначальнік-",
    "амапауц-",
    "амапавец",
    "міліцыянт-",
    "міліцыянер-",
    // Taraškievica
    "сьледч-",
    "судзьдз-",
    // Russian and Belarusian, spoken and prison words
    "мент",
    "мента",
    "менту",
    "ментом",
    "чекист-",
    "чэкіст-",
    "комиссар-",
    "камісар-",
    "доктор-",
    "завхоз-",
    "кадровичк-",
    "кадравічк-",
    "сокамерни-",
    "псіхолаг-",
    "психолог-",
    "ксёндз-",
    "ксендз-",
    "бацюшк-",
    "батюшк-",
    "святар-",
    "священник-",
    // Ukrainian
    "слідч-",
    "судд-",
    "інспектор-",
    "дізнавач-",
    "дільничн-",
    "оперуповноважен-",
    "співробітник-",
    "поліцейськ-",
    "міліціонер-",
    // Polish
    "sędzi-",
    "prokurator-",
    "śledcz-",
    "funkcjonariusz-",
    "policjant-",
    "komendant-",
    "naczelnik-",
    "kierownik-",
    "psycholog-",
    "ks",
    "адвокат-",
    "пан",
];

struct Lexicon {
    /// Normalised keys of given names, and of the ambiguous ones.
    given: FxHashSet<String>,
    given_stems: FxHashSet<String>,
    ambiguous: FxHashSet<String>,
    stop: FxHashSet<String>,
    /// First letters of the titles, lowercase, also before `fold::plain` (ё, й, ў).
    title_initials: FxHashSet<char>,
    /// The titles folded with `fold::plain` (so that `лейтенант`, `майор` meet the folded
    /// word, whose й has become и), and whether each is a prefix (`-` entries).
    titles: Vec<(String, bool)>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = Lexicon {
        given: FxHashSet::default(),
        given_stems: FxHashSet::default(),
        ambiguous: FxHashSet::default(),
        stop: FxHashSet::default(),
        title_initials: FxHashSet::default(),
        titles: TITLES
            .iter()
            .map(|t| match t.strip_suffix('-') {
                Some(stem) => (fold::plain(stem), true),
                None => (fold::plain(t), false),
            })
            .collect(),
    };
    for t in TITLES {
        if let Some(c) = t.chars().next() {
            lex.title_initials.insert(c);
            lex.title_initials
                .extend(c.to_uppercase().flat_map(char::to_lowercase));
        }
    }
    for line in GIVEN_NAMES.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, ambiguous) = match line.strip_suffix('*') {
            Some(n) => (n, true),
            None => (line, false),
        };
        for k in spellings(&fold::key(name)) {
            let s = norm(fold::stem(&k));
            if ambiguous {
                lex.ambiguous.insert(norm(&k));
                lex.ambiguous.insert(s.clone());
            }
            lex.given.insert(norm(&k));
            lex.given_stems.insert(s);
        }
    }
    for w in STOP_WORDS.split_whitespace() {
        let k = fold::key(w);
        lex.stop.insert(norm(fold::stem(&k)));
    }
    lex
});

/// A key with Latin `ch` (`X`, ч or х) read both ways.
fn spellings(key: &str) -> Vec<String> {
    if key.contains('X') {
        vec![key.replace('X', "C"), key.replace('X', "h")]
    } else {
        vec![key.to_owned()]
    }
}

/// A key with the vowel classes `Needle` uses for long keys (а/о/е one class), so that
/// `Сяргей`/`Сергей` and `Алег`/`Олег` meet in a hash set.
fn norm(key: &str) -> String {
    if key.len() < fold::SHORT_KEY {
        return key.to_owned();
    }
    key.chars()
        .map(|c| if c == 'e' || c == 'o' { 'a' } else { c })
        .collect()
}

/// Whether a word (by its key) is a known given name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Given {
    No,
    Yes,
    /// Also an ordinary word.
    Ambiguous,
}

pub(crate) fn given(key: &str) -> Given {
    lexicon_facts(key).0
}

/// Whether a word (by its key) is a known given name, and whether it is a stop word: asked for
/// every capitalised word of every text and rendering, so remembered per thread (a pure
/// function of the key; see `pieces.rs` on caches of plaintext).
fn lexicon_facts(key: &str) -> (Given, bool) {
    thread_local! {
        static SEEN: RefCell<FxHashMap<String, (Given, bool)>> = RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        pieces::remember(seen, FACTS_CACHE, key, || {
            (given_uncached(key), is_stop_uncached(key))
        })
    })
}

const FACTS_CACHE: usize = 4096;

fn given_uncached(key: &str) -> Given {
    let lex = &*LEXICON;
    // A short name in another case (`Анну`, `Оле`, `Иру`), whose stem the stemmer leaves as
    // it is: its nominative in `-а`.
    let nominative = (key.len() < fold::SHORT_KEY)
        .then(|| key.strip_suffix(['u', 'e', 'i', 'o']))
        .flatten()
        .filter(|stem| stem.len() >= 2)
        .map(|stem| format!("{stem}a"));
    for k in spellings(key).into_iter().chain(nominative) {
        let n = norm(&k);
        let s = norm(fold::stem(&k));
        if lex.given.contains(&n) || lex.given_stems.contains(&s) {
            return if lex.ambiguous.contains(&n) || lex.ambiguous.contains(&s) {
                Given::Ambiguous
            } else {
                Given::Yes
            };
        }
    }
    Given::No
}

fn is_stop(key: &str) -> bool {
    lexicon_facts(key).1
}

fn is_stop_uncached(key: &str) -> bool {
    let lex = &*LEXICON;
    spellings(key)
        .iter()
        .any(|k| lex.stop.contains(&norm(fold::stem(k))))
}

/// Whether `word` is a title (`Investigator`, `судья`, `следчага`, `Lt.`).
pub(crate) fn is_title(word: &str) -> bool {
    // Most words fail on their first letter, before any folding.
    let Some(first) = word.chars().next().and_then(|c| c.to_lowercase().next()) else {
        return false;
    };
    if !LEXICON.title_initials.contains(&first) {
        return false;
    }
    // The same words (the parts of every listed name) are asked about again and again: the
    // answer, a pure function of the word, is remembered per thread (bounded like the key cache).
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<String, bool>> =
            std::cell::RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        super::pieces::remember(seen, TITLE_CACHE, word, || {
            is_title_folded(&fold::plain(word))
        })
    })
}

const TITLE_CACHE: usize = 4096;

fn is_title_folded(w: &str) -> bool {
    LEXICON.titles.iter().any(|(t, prefix)| {
        if *prefix {
            w.starts_with(t.as_str()) && w[t.len()..].chars().count() <= 3
        } else {
            w == *t
        }
    })
}

/// Endings of Slavic surnames (folded with `fold::plain`), each with the case endings it may
/// carry; `""` allows the bare ending.
const SURNAME_ENDINGS: &[(&[&str], &[&str])] = &[
    (
        &["енк", "энк", "анк", "enk", "ank"],
        &[
            "а", "о", "і", "и", "у", "ам", "ом", "ы", "е", "a", "o", "i", "u", "y",
        ],
    ),
    (
        &[
            "онак", "енак", "онок", "енок", "онк", "onak", "ionak", "onok",
        ],
        &["", "а", "у", "ам", "ом", "і", "е", "a", "u", "om", "i", "e"],
    ),
    (
        &["віч", "вич", "vich", "vic", "wicz", "vicz"],
        &[
            "", "а", "у", "ам", "ем", "ом", "ы", "е", "і", "a", "u", "am", "em", "om", "e", "y",
        ],
    ),
    (
        &["ук", "юк", "ік", "ык", "ик", "uk", "ik", "yk"],
        &[
            "", "а", "у", "ом", "ам", "ем", "і", "е", "ы", "и", "a", "u", "om", "em", "i", "e",
        ],
    ),
    (
        &["ск", "цк", "sk", "ck", "tsk"],
        &[
            "і", "ии", "ыи", "ая", "ую", "ои", "аи", "ага", "ого", "аму", "ому", "ім", "им", "ым",
            "i", "y", "iy", "ii", "ij", "yj", "aya", "aja", "aia", "a", "oy", "oj", "ogo", "aha",
            "aj", "ay",
        ],
    ),
    (
        &[
            "ов", "ев", "ау", "еу", "оу", "ov", "ev", "au", "ou", "ow", "ew",
        ],
        &[
            "", "а", "у", "ым", "ои", "аи", "ую", "ом", "е", "ы", "a", "u", "ym", "oy", "oj", "om",
            "e", "y", "aj", "ay",
        ],
    ),
    (
        &["ав", "av"],
        &["а", "аи", "ои", "у", "ы", "е", "a", "aj", "ay", "u", "y"],
    ),
    (
        &["ін", "ин", "ын", "in", "yn"],
        &[
            "", "а", "у", "ым", "ом", "ои", "аи", "ую", "ы", "е", "a", "u", "om", "y", "e",
        ],
    ),
];

/// Whether `word` (capitalised) ends like a Slavic surname: -енка/-енко, -віч/-вич, -ук/-юк,
/// -ский/-скі/-ская, -ов/-ова/-аў/-ава/-ев/-ева, -ін/-ина, -онак and their Latin spellings,
/// in any case form.
pub(crate) fn surname_shape(word: &str) -> bool {
    let w = fold::plain(word);
    let letters = w.chars().count();
    SURNAME_ENDINGS.iter().any(|(bases, tails)| {
        tails.iter().any(|tail| {
            w.strip_suffix(tail).is_some_and(|rest| {
                bases.iter().any(|b| {
                    rest.ends_with(b) && letters >= b.chars().count() + tail.chars().count() + 2
                })
            })
        })
    })
}

const PATRONYMIC_ENDINGS: &[&str] = &[
    "авіч", "овіч", "евіч", "авич", "ович", "евич", "avich", "ovich", "evich", "avic", "ovic",
    "evic", "ауна", "еуна", "оуна", "овна", "евна", "ічна", "ична", "auna", "ovna", "evna",
    "ichna", "ivna",
];

/// Whether `word` looks like a patronymic (`Пятровіч`, `Михайловна`, `Sergeevich`).
pub(crate) fn patronymic_shape(word: &str) -> bool {
    let w = fold::plain(word);
    [
        "", "а", "у", "ам", "ем", "ом", "ы", "е", "аи", "ои", "a", "u", "om", "em", "y", "e",
    ]
    .iter()
    .any(|tail| {
        w.strip_suffix(tail)
            .is_some_and(|rest| PATRONYMIC_ENDINGS.iter().any(|p| rest.ends_with(p)))
    })
}

/// Words after an adjective that make it the name of an institution (`Ленинского районного
/// суда`, `Minsk district court`), folded with `fold::plain`: prefixes.
const INSTITUTIONS: &[&str] = &[
    "суд",
    "раен",
    "раён",
    "раион",
    "район",
    "гарад",
    "город",
    "вобласц",
    "област",
    "межраен",
    "межраион",
    "міжраен",
    "аддзел",
    "отдел",
    "упраул",
    "управл",
    "каміт",
    "комит",
    "дэпартамент",
    "департамент",
    "прокуратур",
    "пракуратур",
    "court",
    "district",
    "region",
    "city",
    "oblast",
    "department",
    "committee",
    "office",
    "prosecutor",
    // Polish and Ukrainian (folded: `sądu` is `sadu`)
    "sadu",
    "sadow",
    "sadzie",
    "rejon",
    "prokuratur",
    "komend",
    "wydzial",
    "міськ",
    "обласн",
    "управлін",
    "відділ",
];

/// Units of work and confinement whose head is named by title (`начальник смены`, `старшыня
/// прафкома`, `начальник колонии`, `kierownik zmiany`), folded with `fold::plain`: prefixes of
/// the lowercase word after a title.
const WORK_UNITS: &[&str] = &[
    "смен",
    "змен",
    "цеха",
    "цэха",
    "цеху",
    "цэху",
    "участк",
    "участак",
    "калон",
    "колон",
    "атрад",
    "отряд",
    "прафкам",
    "прафком",
    "профком",
    "брыгад",
    "бригад",
    "шахт",
    "рудник",
    "руднік",
    "завод",
    "фабрык",
    "фабрик",
    "прадпрыемств",
    "предприят",
    "прафсаюз",
    "профсоюз",
    "ізалятар",
    "изолятор",
    "турм",
    "тюрьм",
    "аховы",
    "охраны",
    "караул",
    "каравул",
    "аддзяленн",
    "отделени",
    "лагер",
    "установ",
    "учрежден",
    "корпус",
    "карпус",
    "shift",
    "plant",
    "mine",
    "colony",
    "prison",
    "brigade",
    "workshop",
    "zmian",
    "kopaln",
    "zaklad",
    "wiezien",
    "змін",
    "колоні",
    "профспілк",
];

fn work_unit(text: &str, t: &Token) -> bool {
    let w = fold::plain(t.text(text));
    WORK_UNITS.iter().any(|p| w.starts_with(p))
}

/// Titles written abbreviated, with a full stop (folded with `fold::plain`).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "lt", "col", "capt", "maj", "gen", "sgt", "insp", "det", "ks",
];

/// English nouns that end the name of a body (`Border Guard Service`, `Major Crimes Unit`): a
/// capitalised word after a title that is one of these, or is followed by one, is not a surname.
const BODY_NOUNS: &[&str] = &[
    "service",
    "unit",
    "staff",
    "force",
    "forces",
    "troops",
    "police",
    "militia",
    "army",
    "guard",
    "court",
    "bureau",
    "agency",
    "directorate",
    "administration",
    "ministry",
    "committee",
    "department",
    "office",
    "centre",
    "center",
    "colony",
    "prison",
    "council",
    "inspectorate",
    "board",
    "command",
    "division",
    "squad",
];

fn body_noun(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    w.is_ascii() && BODY_NOUNS.iter().any(|n| w.eq_ignore_ascii_case(n))
}

fn institution(text: &str, t: &Token) -> bool {
    if t.has(ACRONYM) {
        return true;
    }
    let w = fold::plain(t.text(text));
    INSTITUTIONS.iter().any(|p| w.starts_with(p))
}

/// What a token is claimed by before the unlisted rules run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    Free,
    /// A mention of a listed (or learned) name being removed.
    Redacted,
    /// A protected mention: never removed, never learned.
    Protected,
}

/// An unlisted name found in one text: tokens `lo..=hi` (the span takes the full stop of a
/// final initial when `dot`), and the tokens whose words are learned as surnames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub lo: usize,
    pub hi: usize,
    pub dot: bool,
    pub learn: Vec<usize>,
}

/// A capitalised word that may belong to a name: not an acronym, a title or a stop word.
fn partner(text: &str, t: &Token) -> bool {
    (t.has(CAP) || capital_surname(text, t)) && !is_stop(&t.key) && !is_title(t.text(text))
}

/// A surname in capitals, as lists and court documents write them (`ДЕМИДЕНКО Сергей`,
/// `STSIAPANCHUK Mikola`): a word in capitals with a surname's ending (acronyms have none).
fn capital_surname(text: &str, t: &Token) -> bool {
    t.has(CAPS) && surname_shape(t.text(text))
}

fn initial(t: &Token) -> bool {
    t.has(INITIAL) && t.has(DOT)
}

/// Whether token `j` directly continues a name from token `j - 1`.
fn joins(tokens: &[Token], j: usize) -> bool {
    match tokens[j].gap {
        Gap::Space | Gap::Hyphen => true,
        Gap::Dot => tokens[j - 1].has(INITIAL),
        Gap::Other => false,
    }
}

/// A surname followed by its title in apposition (`Кашкевич, следователь КГБ, кричал`,
/// `Кашкевич (следователь)`, `Hurko, the warden`): token `i`, capitalised, not a given name,
/// then a comma or an opening bracket, then a title. At the start of a sentence (`Потом,
/// следователь...`) only a word with a surname's ending counts.
fn before_title(text: &str, tokens: &[Token], claims: &[Claim], i: usize, out: &mut Vec<Found>) {
    let t = &tokens[i];
    let gap = &text[t.word_end..tokens[i + 1].start];
    let apposition = matches!(gap.trim(), "," | "(" | "—" | "–");
    let mut title = i + 1;
    // `Hurko, the warden`.
    if apposition
        && tokens[title].text(text).eq_ignore_ascii_case("the")
        && tokens.get(title + 1).is_some_and(|n| n.gap == Gap::Space)
    {
        title += 1;
    }
    if !apposition
        || claims[i] != Claim::Free
        || out.iter().any(|f| f.lo <= i && i <= f.hi)
        || !is_title(tokens[title].text(text))
        || !partner(text, t)
        || given(&t.key) != Given::No
        || (t.has(SENTENCE) && !surname_shape(t.text(text)))
    {
        return;
    }
    out.push(Found {
        lo: i,
        hi: i,
        dot: false,
        learn: vec![i],
    });
}

/// Whether the text between a title and token `j` introduces what follows as the title's
/// holder: spaces and at most one line break, with at most one colon, dash, comma, opening
/// quote or bracket (`Следователь: Кашкевич`, `Следователь — Кашкевич`, `Следователь
/// «Кашкевич»`, `The warden, Hurko`, `Судья` at the end of a line and `Мотыль` on the next).
fn announced(text: &str, tokens: &[Token], j: usize) -> bool {
    let gap = &text[tokens[j - 1].word_end..tokens[j].start];
    let mut marks = 0;
    let mut breaks = 0;
    for c in gap.chars() {
        match c {
            ':' | '—' | '–' | '-' | ',' | '«' | '"' | '“' | '„' | '(' => marks += 1,
            '\n' => breaks += 1,
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    marks + breaks >= 1 && marks <= 1 && breaks <= 1
}

/// Finds unlisted names in `tokens` of `text` (`claims` per token) and appends them to `out`.
pub(crate) fn discover(text: &str, tokens: &[Token], claims: &[Claim], out: &mut Vec<Found>) {
    for (i, t) in tokens.iter().enumerate() {
        // A given name already removed as a listed person's still anchors: `officer Dzmitry
        // Kulesh` when another Dzmitry is listed names an unlisted Kulesh.
        if claims[i] != Claim::Protected && (t.has(CAP) || t.has(CAPS)) {
            let g = given(&t.key);
            // A title is not a given name, whatever it resembles (`Major` and `Maja`).
            if g != Given::No && !is_title(t.text(text)) {
                by_given_name(text, tokens, claims, i, g, out);
            }
        }
        // Only a word followed by a capital (or an agency: `Майор КГБ Петров`) can introduce a
        // name: checking the others for a title would cost a folding per word.
        let before_capital = tokens
            .get(i + 1)
            .is_some_and(|n| n.has(CAP) || n.has(INITIAL) || n.has(ACRONYM));
        if before_capital && !t.has(INITIAL) && is_title(t.text(text)) {
            after_title(text, tokens, claims, i, out);
        }
        if t.has(CAP) && i > 0 && tokens[i - 1].has(LOWER) {
            after_title_phrase(text, tokens, claims, i, out);
        }
        if t.has(CAP) && i >= 3 {
            after_title_institution(text, tokens, claims, i, out);
        }
        if t.has(CAP) || t.has(CAPS) {
            beside_initials(text, tokens, claims, i, out);
        }
        if t.has(CAP) && i + 1 < tokens.len() && tokens[i + 1].gap == Gap::Other {
            before_title(text, tokens, claims, i, out);
        }
    }
}

/// A surname after a title and the institution the title is of, names of places included
/// (`Судья Ленинского районного суда Скурат`, `Суддзя Савецкага раённага суда г. Мінска
/// Бухвостаў`, `следователь Следственного комитета Иванов`): token `i`, capitalised, not a
/// given name, a place, an institution word (`Sądu Rejonowego`: a surname beginning like one,
/// `Судакоў`, is missed here) or the start of another institution's name, after at most seven
/// words of which the first is a title and one is an institution word, in one run of words
/// (full stops of abbreviations allowed).
fn after_title_institution(
    text: &str,
    tokens: &[Token],
    claims: &[Claim],
    i: usize,
    out: &mut Vec<Found>,
) {
    let t = &tokens[i];
    // `joins`, and the full stops of abbreviations (`г.`, `вул.`), not of sentences.
    let linked = |j: usize| {
        joins(tokens, j)
            || (tokens[j].gap == Gap::Dot
                && tokens[j - 1].has(LOWER)
                && tokens[j - 1].text(text).chars().count() <= 3)
    };
    if claims[i] != Claim::Free || t.has(SENTENCE) || !linked(i) || given(&t.key) != Given::No {
        return;
    }
    // The nearest title within reach (asked first: it is cached, and most words have none).
    let mut k = i;
    let mut title = None;
    while k > 0 && i - k < 8 && linked(k) {
        k -= 1;
        if is_title(tokens[k].text(text)) {
            title = Some(k);
            break;
        }
    }
    let Some(title) = title else {
        return;
    };
    if !(title + 1..i).any(|j| institution(text, &tokens[j]))
        || !partner(text, t)
        || institution(text, t)
        || body_noun(text, t)
        || super::names::is_town(&t.key, t.info.stem_len())
        || place_word(text, &tokens[i - 1])
    {
        return;
    }
    let institution_after = tokens
        .get(i + 1)
        .is_some_and(|n| linked(i + 1) && institution(text, n));
    if !institution_after {
        out.push(Found {
            lo: i,
            hi: i,
            dot: false,
            learn: vec![i],
        });
    }
}

/// A word that says the next one is a place: `г.`, `город`, `горада`, `вёска`, `city`.
fn place_word(text: &str, t: &Token) -> bool {
    // (Folded with `fold::plain`: no ё, no diacritics.)
    const EXACT: &[&str] = &["г", "гор", "м", "в", "у", "w", "city", "town"];
    const PREFIXES: &[&str] = &[
        "город",
        "горад",
        "місто",
        "міста",
        "веск",
        "деревн",
        "пасел",
        "посел",
        "miast",
    ];
    let w = fold::plain(t.text(text));
    EXACT.contains(&w.as_str()) || PREFIXES.iter().any(|p| w.starts_with(p))
}

/// A capitalised word (token `i`) written with initials, as official documents name people:
/// two initials after it (`Гарбацэвіч Д.С.`, `Skurat A. M.`), or initials before it and a
/// surname's ending (`Д.С. Гарбацэвіч`, `А. Гарбацэвіч`); one initial after it with a
/// surname's ending (`Гарбацэвіч Д.`). The word must be a partner (no stop word, title or
/// acronym) and not a given name (`Иван И.` is rule 1's).
fn beside_initials(text: &str, tokens: &[Token], claims: &[Claim], i: usize, out: &mut Vec<Found>) {
    let t = &tokens[i];
    // Found already with a title (`Следователь А. В. Шаплыка`).
    if claims[i] != Claim::Free || out.iter().any(|f| f.lo <= i && i <= f.hi) {
        return;
    }
    let mut after = 0;
    while i + after + 1 < tokens.len()
        && joins(tokens, i + after + 1)
        && initial(&tokens[i + after + 1])
    {
        after += 1;
    }
    let mut before = 0;
    while before < i && joins(tokens, i - before) && initial(&tokens[i - before - 1]) {
        before += 1;
    }
    if after == 0 && before == 0 {
        return;
    }
    if !partner(text, t) || given(&t.key) != Given::No || body_noun(text, t) {
        return;
    }
    // (The costliest test last.)
    if after < 2 && !surname_shape(t.text(text)) {
        return;
    }
    out.push(Found {
        lo: i - before,
        hi: i + after,
        dot: after > 0 && tokens[i + after].has(DOT),
        learn: vec![i],
    });
}

/// A surname after a title and the words that say whose or what title it is (`Начальник
/// колонии Мацкевич`, `следователь по особо важным делам Голубович`, `дырэктар шахты Кавалёў`):
/// token `i`, capitalised, with a surname's ending, not a given name, after at most four
/// lowercase words the first of which (or the word before them) is a title, all in one run of
/// words (no punctuation between).
fn after_title_phrase(
    text: &str,
    tokens: &[Token],
    claims: &[Claim],
    i: usize,
    out: &mut Vec<Found>,
) {
    let t = &tokens[i];
    if claims[i] != Claim::Free
        || !joins(tokens, i)
        || given(&t.key) != Given::No
        || !partner(text, t)
    {
        return;
    }
    let mut k = i;
    let mut titled = false;
    let mut unit = false;
    while k > 0 && i - k < 5 && joins(tokens, k) {
        k -= 1;
        let w = &tokens[k];
        if w.has(LOWER) && i - k == 1 {
            // The word right before the surname is never the title (that is `after_title`).
            unit |= work_unit(text, w);
            continue;
        }
        if is_title(w.text(text)) {
            titled = true;
            break;
        }
        if !w.has(LOWER) {
            break;
        }
        unit |= work_unit(text, w);
    }
    // A surname without a surname's ending (`Гурко`, `Лях`) only after a title of a unit of
    // work or confinement (`начальник смены`, `старшыня прафкома`, `начальник колонии`), where
    // a capitalised word is a person's, and never a town or a body.
    // (`начальник отряда Старший лейтенант`: a rank, not a surname.)
    let title_after = || {
        tokens
            .get(i + 1)
            .is_some_and(|n| joins(tokens, i + 1) && is_title(n.text(text)))
    };
    let shaped = surname_shape(t.text(text))
        || (unit
            && !title_after()
            && !institution(text, t)
            && !body_noun(text, t)
            && !super::names::is_town(&t.key, t.info.stem_len()));
    // (Capitalised too: `Partyzanski District Court`.)
    let institution_after = tokens
        .get(i + 1)
        .is_some_and(|n| joins(tokens, i + 1) && institution(text, n));
    if titled && shaped && !institution_after {
        out.push(Found {
            lo: i,
            hi: i,
            dot: false,
            learn: vec![i],
        });
    }
}

fn by_given_name(
    text: &str,
    tokens: &[Token],
    claims: &[Claim],
    i: usize,
    g: Given,
    out: &mut Vec<Found>,
) {
    // Partners after the given name: up to three words, with initials.
    let mut right = Vec::new();
    let mut strong = false; // a surname shape, a patronymic or an initial
    let mut protected_partner = false;
    let mut j = i + 1;
    while j < tokens.len() && right.len() < 4 && joins(tokens, j) {
        let t = &tokens[j];
        if initial(t) {
            strong = true;
        } else if partner(text, t) {
            let w = t.text(text);
            strong |= surname_shape(w) || patronymic_shape(w);
        } else {
            break;
        }
        if claims[j] == Claim::Protected {
            protected_partner = true;
            break;
        }
        right.push(j);
        j += 1;
    }
    // A partner before it (surname + name).
    let mut left = None;
    if i > 0 && tokens[i].gap == Gap::Space {
        let p = &tokens[i - 1];
        let w = p.text(text);
        if partner(text, p) {
            let shaped = surname_shape(w);
            let patronymic_after = right
                .first()
                .is_some_and(|&r| patronymic_shape(tokens[r].text(text)));
            if !p.has(SENTENCE) || shaped || patronymic_after || given(&p.key) != Given::No {
                if claims[i - 1] == Claim::Protected {
                    protected_partner = true;
                } else {
                    left = Some(i - 1);
                    strong |= shaped;
                }
            }
        }
    }
    let has_partner = left.is_some() || !right.is_empty() || protected_partner;
    if !has_partner || (g == Given::Ambiguous && !strong) {
        return;
    }
    let lo = left.unwrap_or(i);
    let hi = right.last().copied().unwrap_or(i);
    let partners: Vec<usize> = left.into_iter().chain(right.iter().copied()).collect();
    let words = partners
        .iter()
        .filter(|&&p| !tokens[p].has(INITIAL))
        .count();
    let learn = partners
        .iter()
        .copied()
        .filter(|&p| {
            let t = &tokens[p];
            claims[p] == Claim::Free
                && !t.has(INITIAL)
                && given(&t.key) == Given::No
                && !(words > 1 && patronymic_shape(t.text(text)))
        })
        .collect();
    out.push(Found {
        lo,
        hi,
        dot: tokens[hi].has(INITIAL) && tokens[hi].has(DOT),
        learn,
    });
}

fn after_title(text: &str, tokens: &[Token], claims: &[Claim], i: usize, out: &mut Vec<Found>) {
    // An abbreviated title keeps its full stop (`Dr. Hrybko`, `Lt. A. Hrybko`), on the same line
    // (`the boss. Management refused` is a sentence end).
    let abbreviated = tokens[i].has(DOT)
        && ABBREVIATIONS.contains(&fold::plain(tokens[i].text(text)).as_str())
        && tokens
            .get(i + 1)
            .is_some_and(|n| !text[tokens[i].word_end..n.start].contains('\n'));
    let follows =
        |j: usize| joins(tokens, j) || (j == i + 1 && (abbreviated || announced(text, tokens, j)));
    let mut j = i + 1;
    // The agency of the title may come between (`Следователь СК Мищенко`, `Major KGB Petrov`).
    if tokens.get(j).is_some_and(|t| t.has(ACRONYM))
        && follows(j)
        && tokens.get(j + 1).is_some_and(|n| n.has(CAP))
    {
        j += 1;
    }
    let mut initials = false;
    while j < tokens.len() && follows(j) && initial(&tokens[j]) {
        initials = true;
        j += 1;
    }
    let Some(t) = tokens.get(j) else {
        return;
    };
    if !follows(j) || !partner(text, t) || claims[j] == Claim::Protected {
        return;
    }
    let named = if initials || given(&t.key) == Given::Yes {
        // Initials, or a given name (`Майор Олег`), after a title: a person.
        true
    } else {
        // After a title, any capitalised word that is not a given name and does not begin
        // the name of an institution (`судья Ленинского районного суда`, `Major Crimes Unit`,
        // `General Staff`) is a surname: the title is the second signal, surname endings vary
        // too much (`Hrybko`, `Мароз`).
        given(&t.key) == Given::No
            && (!t.has(ACRONYM) || capital_surname(text, t))
            && !body_noun(text, t)
            && !tokens.get(j + 1).is_some_and(|n| {
                ((n.has(LOWER) || n.has(ACRONYM)) && institution(text, n))
                    || (n.has(CAP)
                        && joins(tokens, j + 1)
                        && (body_noun(text, n) || institution(text, n)))
            })
    };
    if !named {
        return;
    }
    let mut hi = j;
    // Initials after the surname (`судья Иванов И.И.`).
    while hi + 1 < tokens.len() && joins(tokens, hi + 1) && initial(&tokens[hi + 1]) {
        hi += 1;
    }
    let first = if initials { i + 1 } else { j };
    out.push(Found {
        lo: first,
        hi,
        dot: tokens[hi].has(INITIAL) && tokens[hi].has(DOT),
        // A surname made from a given name (`Андреев`, `Andreyev`) has a surname's ending.
        learn: if claims[j] == Claim::Free
            && (given(&t.key) == Given::No || surname_shape(t.text(text)))
        {
            vec![j]
        } else {
            Vec::new()
        },
    });
    // A second holder of the title (`Следователи Кашкевич и Бобрик`, `judges Hrybko and
    // Lis`): `and` and a capitalised word that is no given name, stop word or body.
    let k = hi + 2;
    if let (Some(and), Some(second)) = (tokens.get(hi + 1), tokens.get(k))
        && joins(tokens, hi + 1)
        && joins(tokens, k)
        && AND.contains(&and.text(text))
        && claims[k] == Claim::Free
        && partner(text, second)
        && given(&second.key) == Given::No
        && !body_noun(text, second)
        && !tokens
            .get(k + 1)
            .is_some_and(|n| joins(tokens, k + 1) && institution(text, n))
    {
        out.push(Found {
            lo: k,
            hi: k,
            dot: false,
            learn: vec![k],
        });
    }
}

/// `and` in the languages of the vault.
const AND: &[&str] = &["и", "і", "й", "та", "ды", "and", "i", "oraz", "ir"];

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn discovered(text: &str) -> Vec<(String, Vec<String>)> {
        let tokens = tokenize(text, &[]);
        let claims = vec![Claim::Free; tokens.len()];
        let mut out = Vec::new();
        discover(text, &tokens, &claims, &mut out);
        out.iter()
            .map(|f| {
                let end = tokens[f.hi].end + usize::from(f.dot);
                (
                    text[tokens[f.lo].start..end].to_owned(),
                    f.learn
                        .iter()
                        .map(|&l| tokens[l].text(text).to_owned())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn surnames_in_capitals_as_lists_write_them() {
        for (text, name, surname) in [
            (
                "Свидетель: ДЕМИДЕНКО Сергей.",
                "ДЕМИДЕНКО Сергей",
                "ДЕМИДЕНКО",
            ),
            (
                "born 1981; STSIAPANCHUK Mikola",
                "STSIAPANCHUK Mikola",
                "STSIAPANCHUK",
            ),
            (
                "затрымалі СЕРГЕЯ ДЗЕМІДЗЕНКУ",
                "СЕРГЕЯ ДЗЕМІДЗЕНКУ",
                "ДЗЕМІДЗЕНКУ",
            ),
            ("Следователь МИЩЕНКО угрожал", "МИЩЕНКО", "МИЩЕНКО"),
        ] {
            assert_eq!(
                discovered(text),
                [(name.to_owned(), vec![surname.to_owned()])],
                "{text}"
            );
        }
        // An acronym next to a given name is not a surname.
        assert!(discovered("Сергей из KGB, Анна OMON, Ivan BITU").is_empty());
    }

    #[test]
    fn a_surname_made_from_a_given_name_is_learned_after_a_title() {
        let found = discovered("Следователь Андреев угрожал.");
        assert_eq!(found, [("Андреев".to_owned(), vec!["Андреев".to_owned()])]);
        // A given name after a title names a person, but is not learned as a surname.
        assert_eq!(discovered("Майор Олег пришёл.")[0].1, Vec::<String>::new());
    }

    #[test]
    fn a_title_with_its_complement_before_the_surname() {
        finds_surnames(&[
            ("Начальник колонии Мацкевич угрожал.", "Мацкевич"),
            ("следователь по особо важным делам Голубович", "Голубович"),
            ("дырэктар шахты Кавалёў звольніў", "Кавалёў"),
            ("Председатель профкома Петров молчал", "Петров"),
            // Without a surname's ending, after the head of a unit.
            ("Начальник смены Гурко сказал", "Гурко"),
            ("Старшыня прафкома Лях маўчаў", "Лях"),
            ("Начальник колонии Гурко", "Гурко"),
            ("kierownik zmiany Mróz krzyczał", "Mróz"),
            ("начальник отряда Старший лейтенант Козлов", "Козлов"),
        ]);
        finds_no_one(&[
            "начальник смены Салигорск",
            "начальник отряда Старший лейтенант пришёл",
            "начальник колонии Минск",
            "судья районного суда Ленинского района",
            "следователь сказал, что Петров",
            "было много Ивановых",
        ]);
    }

    /// Each text names exactly one person, whose surname is learned.
    #[track_caller]
    fn finds_surnames(cases: &[(&str, &str)]) {
        for &(text, surname) in cases {
            assert_eq!(
                discovered(text),
                [(surname.to_owned(), vec![surname.to_owned()])],
                "{text}"
            );
        }
    }

    /// No text names anyone.
    #[track_caller]
    fn finds_no_one(texts: &[&str]) {
        for text in texts {
            let d = discovered(text);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }

    #[test]
    fn two_holders_of_a_title() {
        for (text, first, second) in [
            ("Следователи Кашкевич и Бобрик пришли", "Кашкевич", "Бобрик"),
            ("Судьи Мотыль и Гусак", "Мотыль", "Гусак"),
            ("judges Hrybko and Lis sentenced", "Hrybko", "Lis"),
        ] {
            let d = discovered(text);
            let names: Vec<&str> = d.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, [first, second], "{text}");
        }
        finds_surnames(&[
            ("Следователь Кашкевич и Минск", "Кашкевич"),
            ("судья Мотыль и Ленинский районный суд", "Мотыль"),
        ]);
    }

    #[test]
    fn a_title_and_its_institution_before_the_surname() {
        finds_surnames(&[
            (
                "Судья Ленинского районного суда Скурат вынесла приговор.",
                "Скурат",
            ),
            (
                "Суддзя Савецкага раённага суда г. Мінска Бухвостаў вынес",
                "Бухвостаў",
            ),
            ("следователь Следственного комитета Мороз пришёл", "Мороз"),
            (
                "investigator of the Partyzanski District Court Hrybko",
                "Hrybko",
            ),
        ]);
        finds_no_one(&[
            "Судья Ленинского районного суда Минска вынесла приговор.",
            "судья Ленинского районного суда Гомельской области",
            "прокурор Октябрьского района Бобруйска",
            "прокурор Октябрьского района г. Дзержинска",
            "судья Ленинского районного суда в Пружанах",
        ]);
    }

    #[test]
    fn capitalised_words_with_initials_are_names() {
        for (text, name, surname) in [
            (
                "Свидетель Гарбацэвіч Д.С. выступал",
                "Гарбацэвіч Д.С.",
                "Гарбацэвіч",
            ),
            (
                "потом Д.С. Гарбацэвіч ушёл",
                "Д.С. Гарбацэвіч",
                "Гарбацэвіч",
            ),
            (
                "протокол подписал Скурат А. М. вечером",
                "Скурат А. М.",
                "Скурат",
            ),
            ("как сказал Ковалёв А., всё", "Ковалёв А.", "Ковалёв"),
            ("signed by A. Dubovik yesterday", "A. Dubovik", "Dubovik"),
        ] {
            assert_eq!(
                discovered(text),
                [(name.to_owned(), vec![surname.to_owned()])],
                "{text}"
            );
        }
        for text in [
            "Корпус А. был закрыт",
            "see Plan B. for details",
            "U.S. Embassy staff",
            "Minsk A. B. station",
        ] {
            assert!(
                discovered(text).is_empty(),
                "{text}: {:?}",
                discovered(text)
            );
        }
    }

    #[test]
    fn a_title_then_punctuation_or_a_line_break_then_the_surname() {
        finds_surnames(&[
            ("Следователь: Кашкевич.", "Кашкевич"),
            ("Следователь — Кашкевич кричал", "Кашкевич"),
            ("Следователь «Кашкевич» кричал", "Кашкевич"),
            ("Следователь (Кашкевич) кричал", "Кашкевич"),
            ("The warden, Hurko, took my letters.", "Hurko"),
            ("Судья\nМотыль вынесла", "Мотыль"),
            ("Кашкевич, следователь КГБ, кричал.", "Кашкевич"),
            ("Потом Кашкевич (следователь) кричал.", "Кашкевич"),
            ("I met Hurko, the warden, twice.", "Hurko"),
        ]);
        finds_no_one(&[
            "Следователь: Минск, 2021.",
            "Судья.\nМотыль",
            "судья, Ленинский районный суд",
            "следователь;\n\nПотом",
            "Потом, следователь сказал",
            "Minsk, judge Hrybko's court",
        ]);
    }

    #[test]
    fn more_titles_introduce_surnames() {
        for text in [
            "Сьледчы Бабровіч пагражаў",
            "Контролёр Кухаронак бил его",
            "Начальница Самусевич кричала",
            "Ахоўнік Грыневіч стаяў",
            "Policeman Hrynko hit him",
            "Супрацоўнік ГУБАЗіК Латушка прыйшоў",
        ] {
            assert_eq!(discovered(text).len(), 1, "{text}");
        }
        assert!(discovered("Лекарства не давали. Начальство молчало.").is_empty());
    }

    #[test]
    fn short_given_names_in_other_cases() {
        for (text, name) in [
            ("задержали Анну Смирнову у проходной", "Анну Смирнову"),
            ("угрожали Анне Смирновой", "Анне Смирновой"),
            ("вызвали Иру Гончарову", "Иру Гончарову"),
            ("звонили Оле Гончаровой", "Оле Гончаровой"),
        ] {
            assert_eq!(discovered(text)[0].0, name, "{text}");
        }
    }

    #[test]
    fn given_names_meet_in_every_script_and_case() {
        for w in [
            "Сяргей",
            "Сергей",
            "Siarhei",
            "Sergei",
            "Sergey",
            "Сяргея",
            "Тацяна",
            "Tatsiana",
            "Tatiana",
            "Таня",
            "Саша",
            "Алесь",
            "Michail",
            "Mikhail",
            "Дзмітрый",
            "Dzmitry",
            "Ганне",
            "Вольгі",
            "Aliaksandr",
            "Alexander",
            "Олег",
            "Aleh",
            "Лёша",
            "Jan",
        ] {
            assert_ne!(given(&fold::key(w)), Given::No, "{w}");
        }
        for w in ["Вера", "Надежда", "Max", "Яна"] {
            assert_eq!(given(&fold::key(w)), Given::Ambiguous, "{w}");
        }
        for w in [
            "Minsk",
            "Court",
            "KGB",
            "Беларусь",
            "May",
            "Лукашэнка",
            "Dubovik",
            "Then",
        ] {
            assert_eq!(given(&fold::key(w)), Given::No, "{w}");
        }
    }

    #[test]
    fn given_name_and_a_capitalised_word_in_three_languages() {
        assert_eq!(
            discovered("Потым прыйшла Тацяна Мельнік з дачкой."),
            [("Тацяна Мельнік".to_owned(), vec!["Мельнік".to_owned()])]
        );
        assert_eq!(
            discovered("Его допрашивал вместе с Петровым Сергей Викторович Гусев."),
            [(
                "Петровым Сергей Викторович Гусев".to_owned(),
                vec!["Петровым".to_owned(), "Гусев".to_owned()]
            )]
        );
        assert_eq!(
            discovered("His colleague Siarhei Bortnik was detained."),
            [("Siarhei Bortnik".to_owned(), vec!["Bortnik".to_owned()])]
        );
        assert_eq!(
            discovered("Witness: Гусеў Іван, driver."),
            [("Гусеў Іван".to_owned(), vec!["Гусеў".to_owned()])]
        );
    }

    #[test]
    fn sentence_starts_months_agencies_and_ordinary_words_survive() {
        for text in [
            "Then Ivan said nothing.",
            "In May Ivan left.",
            "Сяргей KGB не баяўся.",
            "Вера в Бога помогала ей.",
            "Вера Беларусь не пакіне.",
            "Max Planck",
            "Слава Беларусі!",
            "Яна Мінск пакінула ў траўні.",
            "An Interior Ministry official came.",
            "Ганна працавала на Беларуськаліі.",
            "начальник Департамента исполнения наказаний",
            "Майор Службы безопасности Украины",
            "Sędzia Sądu Okręgowego w Warszawie; prokurator Prokuratury Krajowej",
            "Мы ехали в Марьину Горку.",
        ] {
            let d = discovered(text);
            assert!(d.is_empty() || text.starts_with("Max"), "{text}: {d:?}");
        }
    }

    #[test]
    fn titles_with_surname_shapes_and_initials() {
        for (text, name) in [
            ("Следчы Кавальчук патрабаваў подпіс.", "Кавальчук"),
            ("следователь Иванова угрожала", "Иванова"),
            ("Judge Tsiareshchanka read the verdict.", "Tsiareshchanka"),
            ("the investigator Harbachonak came", "Harbachonak"),
            ("судзіла суддзя Ціханоўская", "Ціханоўская"),
            ("прокурор Лукашевич", "Лукашевич"),
            ("капитан Гусев", "Гусев"),
            ("суддзя Мароз", "Мароз"),
            ("investigator Hrybko says", "Hrybko"),
            ("Дежурный лейтенант Ермаков говорил", "Ермаков"),
        ] {
            assert_eq!(
                discovered(text),
                [(name.to_owned(), vec![name.to_owned()])],
                "{text}"
            );
        }
        assert_eq!(
            discovered("Следователь А. В. Шаплыка возбудил дело"),
            [("А. В. Шаплыка".to_owned(), vec!["Шаплыка".to_owned()])]
        );
        for text in [
            "судья Ленинского районного суда",
            "судья Минского РУВД",
            "the judge Minsk Regional Court",
            "investigator of the KGB",
            "прокурор Минской области",
        ] {
            assert!(discovered(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn shapes() {
        for w in [
            "Лукашэнка",
            "Tsiareshchanka",
            "Лукашевичем",
            "Kavalchuk",
            "Петрука",
            "Ціханоўская",
            "Tsikhanouskaya",
            "Иванова",
            "Bykau",
            "Быкава",
            "Пуцін",
            "Harbachonak",
            "Kowalski",
        ] {
            assert!(surname_shape(w), "{w}");
        }
        for w in ["Minsk", "Мінск", "Мароз", "Belaruskali", "BITU", "Court"] {
            assert!(!surname_shape(w), "{w}");
        }
        for w in [
            "Пятровіч",
            "Михайловна",
            "Sergeevich",
            "Сымонаўна",
            "Алегавіча",
        ] {
            assert!(patronymic_shape(w), "{w}");
        }
        for w in [
            "Investigator",
            "судья",
            "следчага",
            "Lt",
            "суддзі",
            "пракурора",
        ] {
            assert!(is_title(w), "{w}");
        }
        for w in ["судьба", "majority", "прокуратура", "оператор"] {
            assert!(!is_title(w), "{w}");
        }
    }

    /// Titles written with their full stop, with the agency between title and surname, in
    /// Belarusian, Ukrainian, Polish and English; bodies named after a rank are not people.
    #[test]
    fn abbreviated_titles_agencies_between_and_bodies() {
        let names =
            |text: &str| -> Vec<String> { discovered(text).into_iter().map(|(n, _)| n).collect() };
        for (text, name) in [
            ("Ms. Kazakevich translated.", "Kazakevich"),
            ("Then Dr. A. Kazakevich came.", "A. Kazakevich"),
            ("Lt. Hrybko signed.", "Hrybko"),
            ("Следователь СК Мищенко допрашивал.", "Мищенко"),
            ("Майор КГБ Петров угрожал.", "Петров"),
            ("Адвакат Крупеня зрабіла ўсё.", "Крупеня"),
            ("Потым аператыўнік Гапонаў прыйшоў.", "Гапонаў"),
            ("Слідчий Петренко викликав.", "Петренко"),
            ("Потім суддя Мельничук вирішив.", "Мельничук"),
            ("Our foreman Vashkevich informed.", "Vashkevich"),
            ("Pani Kowalska przyszła.", "Kowalska"),
        ] {
            assert_eq!(names(text), [name], "{text}");
        }
        for text in [
            "The Major Crimes Unit came.",
            "Officers of the Border Guard Service came.",
            "The General Staff decided.",
            "He met the judge. Then we left.",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
    }
}
