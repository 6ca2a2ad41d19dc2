//! Officials on real cables we did not write: precision and recall of the extractor against
//! hand labels of 136 real cables drawn with a seed (`tests/officials_real/select.py`) from
//! `../shared/`. Only the file list and the labels are in the repository, never the texts, so
//! the test is ignored where `../shared/` is absent.
//!
//! Three groups (`tests/officials_real/split.tsv`): the first 88 cables were split by
//! `split.py` into a dev half, whose misses and false names shaped the rules, and a held-out
//! half, measured only until session 6 and read since; `fresh` is a second draw of 48 cables
//! (`select.py --fresh`), labeled blind in session 6 and never read: its misses and false names
//! are counted, not listed, and it carries the bar (precision 0.92, recall 0.80).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cables::formats::{detect, parse_single};
use cables::text::fold_name;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The key two spellings of a name share: folded case and accents, one apostrophe, no hyphens
/// or dots.
fn key(name: &str) -> String {
    let name = name.replace(['’', '`', '´'], "'").replace(['-', '.'], " ");
    fold_name(&name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One labeled person: every form the cable writes the name in, as keys.
struct Person {
    shown: String,
    forms: Vec<String>,
}

fn labels(id: &str) -> Vec<Person> {
    let path = root()
        .join("tests/officials_real/labels")
        .join(format!("{id}.txt"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| Person {
            shown: line.split('|').next().unwrap_or(line).trim().to_string(),
            forms: line
                .split('|')
                .map(key)
                .filter(|form| !form.is_empty())
                .collect(),
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    true_positives: usize,
    predicted: usize,
    found: usize,
    labeled: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.true_positives += other.true_positives;
        self.predicted += other.predicted;
        self.found += other.found;
        self.labeled += other.labeled;
    }
    fn precision(self) -> f64 {
        self.true_positives as f64 / self.predicted.max(1) as f64
    }
    fn recall(self) -> f64 {
        self.found as f64 / self.labeled.max(1) as f64
    }
}

/// The half (`dev` or `heldout`) each cable ID belongs to.
fn splits() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(root().join("tests/officials_real/split.tsv")).expect("split.tsv");
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(id, half)| (id.to_string(), half.trim().to_string()))
        .collect()
}

fn figures(name: &str, tally: Tally) -> String {
    format!(
        "{name}: precision {:.3} ({}/{}), recall {:.3} ({}/{})",
        tally.precision(),
        tally.true_positives,
        tally.predicted,
        tally.recall(),
        tally.found,
        tally.labeled
    )
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/ (the real cables the labels describe), absent here"
)]
fn officials_on_real_cables() {
    let shared = root().join("../shared");
    let list =
        std::fs::read_to_string(root().join("tests/officials_real/files.tsv")).expect("files.tsv");
    let halves = splits();
    let mut by_group: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut misses = Vec::new();
    let mut false_names = Vec::new();
    for line in list.lines().filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, era, relative] = fields[..] else {
            panic!("files.tsv: expected id<TAB>era<TAB>path, found {line:?}");
        };
        let path: PathBuf = shared.join(relative);
        let bytes =
            std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let layout = detect(&path, &bytes[..bytes.len().min(8192)])
            .unwrap_or_else(|| panic!("{}: no layout detected", path.display()));
        let text = cables::corpus::decode(&bytes);
        let cable = parse_single(layout, &text, &path).unwrap_or_else(|error| panic!("{error}"));
        let half = halves
            .get(id)
            .unwrap_or_else(|| panic!("split.tsv lacks {id}"));
        let listed = half != "fresh";
        let people = labels(id);
        let predicted: Vec<String> = cable
            .officials
            .iter()
            .map(|official| official.name.clone())
            .collect();
        let mut tally = Tally {
            predicted: predicted.len(),
            labeled: people.len(),
            ..Tally::default()
        };
        for name in &predicted {
            if people
                .iter()
                .any(|person| person.forms.contains(&key(name)))
            {
                tally.true_positives += 1;
            } else if listed {
                false_names.push(format!("{id}: {name}"));
            }
        }
        for person in &people {
            if predicted
                .iter()
                .any(|name| person.forms.contains(&key(name)))
            {
                tally.found += 1;
            } else if listed {
                misses.push(format!("{id}: {}", person.shown));
            }
        }
        for group in [era.to_string(), half.clone(), format!("{half} {era}")] {
            by_group.entry(group).or_default().add(tally);
        }
        total.add(tally);
    }
    let mut report = vec![figures("all", total)];
    for (group, tally) in &by_group {
        report.push(figures(group, *tally));
    }
    report.push(format!(
        "false names outside the fresh draw ({}): {}",
        false_names.len(),
        false_names.join("; ")
    ));
    report.push(format!(
        "missed outside the fresh draw ({}): {}",
        misses.len(),
        misses.join("; ")
    ));
    let report = report.join("\n");
    println!("{report}");
    assert!(
        total.labeled >= 1_200,
        "the labels hold too few people:\n{report}"
    );
    // The bar, on the cables no rule was shaped on.
    let fresh = by_group.get("fresh").copied().unwrap_or_default();
    assert!(
        fresh.labeled >= 400 && fresh.precision() >= 0.92 && fresh.recall() >= 0.80,
        "the fresh draw misses precision 0.92 or recall 0.80:\n{report}"
    );
    // Floors just below the figures of session 6 (all: P 0.956, R 0.871; before 1995: P 0.931,
    // R 0.814): a change that loses precision or recall on real text, overall or on the ALL
    // CAPS era, fails here.
    assert!(
        total.precision() >= MIN_PRECISION,
        "precision fell:\n{report}"
    );
    assert!(total.recall() >= MIN_RECALL, "recall fell:\n{report}");
    let caps_era = by_group.get("before1995").copied().unwrap_or_default();
    assert!(
        caps_era.precision() >= MIN_PRECISION_BEFORE_1995
            && caps_era.recall() >= MIN_RECALL_BEFORE_1995,
        "precision or recall before 1995 fell:\n{report}"
    );
}

const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.86;
const MIN_PRECISION_BEFORE_1995: f64 = 0.92;
const MIN_RECALL_BEFORE_1995: f64 = 0.80;
