//! Synthetic corpus: a deterministic, Cablegate-scale generator of realistic cables and their manifest.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The real TAGS code list (code, meaning); subject codes, country codes and organisations.
const TAGS_TSV: &str = include_str!("../data/tags.tsv");

/// Options for [`generate`].
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Output directory; `cables/` and `manifest.jsonl` are created inside it.
    pub out: PathBuf,
    /// Number of cables to write.
    pub count: usize,
    /// Seed; the same (count, seed) always yields byte-identical output.
    pub seed: u64,
}

/// What [`generate`] produced.
#[derive(Debug, Clone)]
pub struct SynthSummary {
    /// Cables written.
    pub cables: usize,
    /// Total bytes of all cable files (the manifest is not counted).
    pub bytes: u64,
    /// Wall-clock seconds spent.
    pub seconds: f64,
}

/// Errors from generating or reading a synthetic corpus; each names the path involved.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A filesystem operation failed.
    #[error("I/O error on {path}")]
    Io {
        /// The file or directory being accessed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A manifest entry could not be serialized.
    #[error("cannot serialize manifest entry for {path}")]
    Serialize {
        /// The manifest being written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A manifest line could not be parsed.
    #[error("malformed manifest line {line} in {path}")]
    Manifest {
        /// The manifest being read.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
}

/// One manifest line: the ground truth about one generated cable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Reference ID, e.g. `09SANSALVADOR708`.
    pub id: String,
    /// File path relative to the output directory.
    pub path: String,
    /// Creation time, `YYYY-MM-DDTHH:MM:00Z`.
    pub created: String,
    /// Release time, same format.
    pub released: String,
    /// Classification as in the header, e.g. `CONFIDENTIAL//NOFORN`.
    pub classification: String,
    /// Origin display name, e.g. `Embassy Guatemala`.
    pub origin: String,
    /// TAGS codes in the order written (subject codes, then the country code).
    pub tags: Vec<String>,
    /// Display names of the people the cable mentions (Classified By first).
    pub officials: Vec<String>,
    /// Subject line, unwrapped.
    pub subject: String,
    /// IDs of the earlier cables cited on the REF line.
    pub refs: Vec<String>,
    /// Planted test markers: tokens, `amber falcon protocol`, or `amber-falcon-scattered`.
    pub markers: Vec<String>,
}

// ---------------------------------------------------------------------------
// Randomness

/// Independent streams so that adding draws to one part never shifts another.
const S_META: u64 = 1;
const S_CABLE: u64 = 2;
const S_ROSTER: u64 = 3;
const S_VOCAB: u64 = 4;
const S_SERIAL: u64 = 5;

/// A ChaCha8 stream keyed by (seed, stream, index): per-cable randomness is independent of
/// scheduling, which is what makes output identical for any thread count.
fn rng_for(seed: u64, stream: u64, index: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&stream.to_le_bytes());
    key[16..24].copy_from_slice(&index.to_le_bytes());
    key[24..].copy_from_slice(b"cablegat");
    ChaCha8Rng::from_seed(key)
}

/// Discrete distribution sampled by binary search over the cumulative weights.
struct Table {
    cum: Vec<f64>,
}

impl Table {
    fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut cum = Vec::new();
        let mut acc = 0.0;
        for w in weights {
            acc += w;
            cum.push(acc);
        }
        for c in &mut cum {
            *c /= acc;
        }
        Table { cum }
    }

    /// Zipf-Mandelbrot weights `1 / (rank + q)^s`; `q` flattens the head.
    fn zipf(n: usize, s: f64, q: f64) -> Self {
        Table::new((1..=n).map(|r| 1.0 / (r as f64 + q).powf(s)))
    }

    fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        let u: f64 = rng.random();
        self.cum
            .partition_point(|&c| c <= u)
            .min(self.cum.len() - 1)
    }
}

fn pick<'a, R: Rng>(rng: &mut R, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

// ---------------------------------------------------------------------------
// Static material

/// Origins in rough order of Cablegate volume (the order is the Zipf rank).
/// `kind|city|country code|name region|flags` with kind S/E/C/M; flag `o` = may author
/// pre-1990 cables, `O` = pre-1980 only (Tehran closed in 1979).
const ORIGINS: &str = "\
S|Secretary of State|-|u|o
E|Baghdad|IZ|a|o
E|Ankara|TU|t|
E|Tokyo|JA|e|o
M|USUN New York|-|x|
E|Beijing|CH|e|
E|Kabul|AF|t|
E|Bogota|CO|s|
C|Hong Kong|HK|e|
E|Islamabad|PK|t|
E|Moscow|RS|r|o
E|Paris|FR|f|o
E|Madrid|SP|s|o
E|Cairo|EG|a|o
E|Mexico|MX|s|
E|Brasilia|BR|s|
E|Buenos Aires|AR|s|o
E|Caracas|VE|s|
E|Tel Aviv|IS|x|o
E|Amman|JO|a|
E|Riyadh|SA|a|
E|New Delhi|IN|t|
E|Seoul|KS|e|
E|Berlin|GM|g|
E|London|UK|x|o
E|Rome|IT|x|
M|USEU Brussels|-|g|
M|USNATO|-|x|
M|Geneva|-|x|
E|Manila|RP|e|
E|Jakarta|ID|e|
E|Bangkok|TH|e|
E|Nairobi|KE|k|
E|Pretoria|SF|k|
E|Abuja|NI|k|
E|Kuwait|KU|a|
E|Beirut|LE|a|
E|Damascus|SY|a|
E|Tripoli|LY|a|
E|Tunis|TS|a|
E|Rabat|MO|a|
E|Algiers|AG|a|
E|Sanaa|YM|a|
E|Doha|QA|a|
E|Abu Dhabi|-|a|
E|Muscat|MU|a|
E|Manama|BA|a|
E|Khartoum|SU|a|
E|Addis Ababa|ET|k|
E|Harare|ZI|k|
E|Guatemala|GT|s|
E|San Salvador|ES|s|
E|Tegucigalpa|HO|s|
E|Managua|NU|s|
E|San Jose|CS|s|
E|Panama|PM|s|o
E|Santo Domingo|DR|s|
E|Port au Prince|HA|f|
E|Kingston|JM|x|
E|Quito|EC|s|
E|Lima|PE|s|
E|La Paz|BL|s|
E|Santiago|CI|s|
E|Asuncion|PA|s|
E|Montevideo|UY|s|
E|Vienna|AU|g|
E|Brussels|BE|g|
E|The Hague|NL|g|
E|Ottawa|CA|x|
E|Athens|GR|x|
E|Warsaw|PL|r|
E|Prague|EZ|r|
E|Budapest|HU|r|
E|Bucharest|RO|r|
E|Sofia|BU|r|
E|Belgrade|RI|r|
E|Zagreb|HR|r|
E|Sarajevo|BK|r|
E|Pristina|KV|r|
E|Skopje|MK|r|
E|Tirana|AL|r|
E|Kyiv|UP|r|
E|Minsk|BO|r|
E|Tbilisi|GG|r|
E|Yerevan|AM|r|
E|Baku|AJ|t|
E|Astana|KZ|r|
E|Tashkent|UZ|r|
E|Bishkek|KG|r|
E|Dushanbe|TI|r|
E|Ashgabat|TX|r|
E|Stockholm|SW|g|
E|Oslo|NO|g|
E|Copenhagen|DA|g|
E|Helsinki|FI|g|
E|Reykjavik|IC|g|
E|Dublin|EI|x|
E|Lisbon|PO|s|
E|Bern|SZ|g|
E|Luxembourg|LU|g|
E|Valletta|MT|x|
E|Nicosia|CY|x|
E|Tallinn|EN|r|
E|Riga|LG|r|
E|Vilnius|LH|r|
E|Chisinau|MD|r|
E|Podgorica|MJ|r|
E|Bratislava|LO|r|
E|Ljubljana|SI|r|
E|Holy See|VT|x|
E|Hanoi|VM|e|
E|Phnom Penh|CB|e|
E|Vientiane|LA|e|
E|Rangoon|BM|e|
E|Kuala Lumpur|MY|e|
E|Singapore|SN|e|
E|Dili|TT|e|
E|Canberra|AS|x|
E|Wellington|NZ|x|
E|Port Moresby|PP|x|
E|Suva|FJ|x|
E|Ulaanbaatar|MG|e|
E|Dhaka|BG|t|
E|Colombo|CE|t|
E|Kathmandu|NP|t|
E|Bandar Seri Begawan|BX|e|
E|Kinshasa|CG|f|
E|Brazzaville|CF|f|
E|Dakar|SG|f|
E|Bamako|ML|f|
E|Niamey|NG|f|
E|Ouagadougou|UV|f|
E|Abidjan|IV|f|
E|Accra|GH|k|
E|Monrovia|LI|k|
E|Freetown|SL|k|
E|Conakry|GV|f|
E|Lome|TO|f|
E|Cotonou|BN|f|
E|Yaounde|CM|f|
E|Libreville|GB|f|
E|Ndjamena|CD|f|
E|Bangui|CT|f|
E|Malabo|EK|s|
E|Antananarivo|MA|f|
E|Port Louis|MP|k|
E|Maputo|MZ|k|
E|Luanda|AO|k|
E|Windhoek|WA|k|
E|Gaborone|BC|k|
E|Maseru|LT|k|
E|Lilongwe|MI|k|
E|Lusaka|ZA|k|
E|Dar es Salaam|TZ|k|
E|Kampala|UG|k|
E|Kigali|RW|k|
E|Bujumbura|BY|f|
E|Asmara|ER|k|
E|Djibouti|DJ|f|
E|Nouakchott|MR|a|
E|Banjul|GA|k|
E|Praia|CV|s|
E|Bissau|PU|s|
E|Georgetown|GY|x|
E|Paramaribo|NS|g|
E|Port of Spain|TD|x|
E|Bridgetown|BB|x|
E|Nassau|BF|x|
E|Belmopan|BH|x|
E|Tehran|IR|t|O
M|Taipei|TW|e|
M|UNVIE|-|g|
M|USOSCE|-|g|
M|UNESCO|-|f|
M|UN Rome|-|x|
C|Istanbul|TU|t|
C|Adana|TU|t|
C|Jerusalem|IS|a|
C|Jeddah|SA|a|
C|Dhahran|SA|a|
C|Dubai|-|a|
C|Basrah|IZ|a|
C|Karachi|PK|t|
C|Lahore|PK|t|
C|Peshawar|PK|t|
C|Mumbai|IN|t|
C|Chennai|IN|t|
C|Kolkata|IN|t|
C|Hyderabad|IN|t|
C|Shanghai|CH|e|
C|Guangzhou|CH|e|
C|Chengdu|CH|e|
C|Shenyang|CH|e|
C|Osaka Kobe|JA|e|
C|Naha|JA|e|
C|Sapporo|JA|e|
C|Fukuoka|JA|e|
C|Nagoya|JA|e|
C|Busan|KS|e|
C|Ho Chi Minh City|VM|e|
C|Chiang Mai|TH|e|
C|Surabaya|ID|e|
C|Monterrey|MX|s|
C|Tijuana|MX|s|
C|Ciudad Juarez|MX|s|
C|Guadalajara|MX|s|
C|Matamoros|MX|s|
C|Nuevo Laredo|MX|s|
C|Hermosillo|MX|s|
C|Nogales|MX|s|
C|Merida|MX|s|
C|Sao Paulo|BR|s|
C|Rio de Janeiro|BR|s|
C|Recife|BR|s|
C|Guayaquil|EC|s|
C|Frankfurt|GM|g|
C|Munich|GM|g|
C|Hamburg|GM|g|
C|Dusseldorf|GM|g|
C|Leipzig|GM|g|
C|Milan|IT|x|
C|Naples|IT|x|
C|Florence|IT|x|
C|Barcelona|SP|s|
C|Marseille|FR|f|
C|Strasbourg|FR|f|
C|Krakow|PL|r|
C|St Petersburg|RS|r|
C|Yekaterinburg|RS|r|
C|Vladivostok|RS|r|
C|Toronto|CA|x|
C|Montreal|CA|x|
C|Vancouver|CA|x|
C|Quebec|CA|x|
C|Calgary|CA|x|
C|Halifax|CA|x|
C|Amsterdam|NL|g|
C|Belfast|UK|x|
C|Edinburgh|UK|x|
C|Lagos|NI|k|
C|Cape Town|SF|k|
C|Johannesburg|SF|k|
C|Durban|SF|k|
C|Auckland|NZ|x|
C|Sydney|AS|x|
C|Melbourne|AS|x|
C|Perth|AS|x|
C|Ponta Delgada|PO|s|
C|Curacao|NL|x|
C|Almaty|KZ|r|
C|Casablanca|MO|a|
C|Alexandria|EG|a|
C|Thessaloniki|GR|x|
C|Chiang Rai|TH|e|
C|Erbil|IZ|a|
C|Herat|AF|t|";

const SPANISH_FIRST: &[&str] = &[
    "José",
    "René",
    "Oscar",
    "María",
    "Carlos",
    "Luis",
    "Ana",
    "Jorge",
    "Ramón",
    "Ángel",
    "Sofía",
    "Mauricio",
    "Hugo",
    "Álvaro",
    "Inés",
    "Fernando",
    "Guillermo",
    "Rosa",
    "Ricardo",
    "Eduardo",
    "Patricia",
    "Raúl",
    "Julio",
    "Marta",
    "Alejandro",
    "Gustavo",
    "Lucía",
    "Héctor",
    "Rodrigo",
    "Carmen",
    "Francisco",
    "Manuel",
    "Victoria",
    "Arturo",
    "Felipe",
    "Adriana",
    "Joaquín",
];
// Names of the hand-written sample cables (Contreras, Lindwall) are kept out, so a query for
// them in the bundled corpus finds only the people the sample cables are about.
const SPANISH_LAST: &[&str] = &[
    "Núñez",
    "Cabrera",
    "Hernández",
    "Pérez",
    "García",
    "López",
    "Martínez",
    "Rodríguez",
    "Gómez",
    "Díaz",
    "Morales",
    "Castillo",
    "Ortega",
    "Ramírez",
    "Torres",
    "Flores",
    "Vargas",
    "Mendoza",
    "Rojas",
    "Aguilar",
    "Salazar",
    "Guzmán",
    "Cabrera",
    "Fuentes",
    "Ibáñez",
    "Villalobos",
    "Calderón",
    "Saavedra",
    "Zelaya",
    "Quiñónez",
    "Portillo",
    "Arévalo",
    "Benítez",
    "Escobar",
    "Montenegro",
    "Sandoval",
    "de la Cruz",
    "de León",
    "del Valle",
    "de la Torre",
    "del Castillo",
    "de los Santos",
    "de Armas",
    "de la Peña",
];
const ARABIC_FIRST: &[&str] = &[
    "Mohammed", "Ahmed", "Khalid", "Abdullah", "Fatima", "Omar", "Hassan", "Yousef", "Layla",
    "Saad", "Faisal", "Tariq", "Ibrahim", "Mustafa", "Nabil", "Samir", "Walid", "Hamad", "Sultan",
    "Rania", "Jamal", "Adel", "Karim", "Mahmoud", "Huda", "Ali", "Salim", "Ziad", "Nasser", "Amr",
];
const ARABIC_LAST: &[&str] = &[
    "al-Rashid",
    "al-Maliki",
    "al-Hakim",
    "al-Sabah",
    "al-Thani",
    "Haddad",
    "Mansour",
    "al-Zubaidi",
    "bin Zayed",
    "al-Faisal",
    "bin Salem",
    "al-Khalifa",
    "al-Shammari",
    "al-Jubouri",
    "bin Hamad",
    "al-Masri",
    "Khoury",
    "Saleh",
    "al-Attiyah",
    "bin Mubarak",
    "al-Obeidi",
    "Qasim",
    "al-Dulaimi",
    "Abu Ghazaleh",
    "al-Ansari",
    "bin Nayef",
    "Darwish",
    "al-Hashimi",
    "Barakat",
    "bin Rashid",
];
const GERMANIC_FIRST: &[&str] = &[
    "Jan", "Pieter", "Klaus", "Jürgen", "Hans", "Angelika", "Dirk", "Maarten", "Greta", "Wolfgang",
    "Ulrich", "Sabine", "Henrik", "Lars", "Ingrid", "Matthias", "Anke", "Stefan", "Sven", "Birgit",
    "Joost", "Willem", "Frank", "Katrin", "Björn", "Jörg",
];
const GERMANIC_LAST: &[&str] = &[
    "van der Berg",
    "van Dijk",
    "de Vries",
    "von Arnim",
    "Müller",
    "Schröder",
    "Jansen",
    "Bakker",
    "von Bülow",
    "van Leeuwen",
    "Schmidt",
    "Wagner",
    "Becker",
    "Hoffmann",
    "von Hagen",
    "van den Bosch",
    "Fischer",
    "Köhler",
    "Lindqvist",
    "Johansson",
    "Hansen",
    "Nielsen",
    "Berggren",
    "van Houten",
    "von Stein",
    "Krämer",
    "Vogel",
    "ter Horst",
    "Öberg",
];
const FRENCH_FIRST: &[&str] = &[
    "René",
    "François",
    "Hélène",
    "Jérôme",
    "Amélie",
    "Étienne",
    "Jean-Pierre",
    "Marie-Claire",
    "Pierre",
    "Sylvie",
    "Laurent",
    "Céline",
    "Michel",
    "Philippe",
    "Isabelle",
    "Benoît",
    "Aminata",
    "Moussa",
    "Ibrahima",
    "Fatoumata",
    "Ousmane",
    "Jean-Baptiste",
    "Théodore",
];
const FRENCH_LAST: &[&str] = &[
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Bérenger",
    "Fontaine",
    "Mercier",
    "Rousseau",
    "Chevalier",
    "Lemaire",
    "Diallo",
    "Traoré",
    "Koné",
    "Ndiaye",
    "Sow",
    "Camara",
    "Ouédraogo",
    "Kaboré",
    "Mbemba",
    "Mukendi",
    "Ilunga",
    "Lavigne",
    "Desrosiers",
    "Pierre-Louis",
    "Saint-Cyr",
    "de Villiers",
    "Léger",
];
const SLAVIC_FIRST: &[&str] = &[
    "Sergei",
    "Dmitri",
    "Olga",
    "Vladimir",
    "Irina",
    "Andrei",
    "Nikolai",
    "Tatiana",
    "Aleksandr",
    "Yulia",
    "Petr",
    "Milan",
    "Zoran",
    "Ivana",
    "Tomasz",
    "Katarzyna",
    "Viktor",
    "Bogdan",
    "Nurlan",
    "Rustam",
    "Gulnara",
    "Giorgi",
    "Armen",
    "Levan",
    "Jiří",
    "Vesna",
];
const SLAVIC_LAST: &[&str] = &[
    "Ivanov",
    "Petrov",
    "Kuznetsova",
    "Sokolov",
    "Novak",
    "Kowalski",
    "Popescu",
    "Horvat",
    "Nowak",
    "Dvořák",
    "Kovačević",
    "Marković",
    "Jovanović",
    "Shevchenko",
    "Bondarenko",
    "Tkachenko",
    "Abdrakhmanov",
    "Beridze",
    "Sargsyan",
    "Volkov",
    "Morozov",
    "Popov",
    "Lebedev",
    "Zieliński",
    "Radu",
    "Ionescu",
    "Kiss",
    "Nagy",
    "Tamm",
    "Kalniņš",
];
const TURKIC_FIRST: &[&str] = &[
    "Mehmet", "Ayşe", "Ali", "Reza", "Farid", "Rahul", "Sanjay", "Ahmet", "Emine", "Mustafa",
    "Hamid", "Mohammad", "Ashraf", "Zahir", "Nasrin", "Parvez", "Imran", "Shahid", "Nadia",
    "Priya", "Anil", "Sunil", "Kemal", "Selim", "Ramin", "Daud", "Gul",
];
const TURKIC_LAST: &[&str] = &[
    "Yılmaz", "Demir", "Karimi", "Hosseini", "Sharma", "Khan", "Çelik", "Şahin", "Öztürk", "Kaya",
    "Ahmadi", "Rahimi", "Qureshi", "Malik", "Chaudhry", "Gupta", "Singh", "Patel", "Rahman",
    "Hossain", "Perera", "Fernando", "Bandara", "Wardak", "Popal", "Durrani", "Mirza", "Aziz",
    "Rezaei", "Jafari",
];
const AFRICAN_FIRST: &[&str] = &[
    "Kwame",
    "Amina",
    "Thabo",
    "Ngozi",
    "Joseph",
    "Grace",
    "Peter",
    "Samuel",
    "Mercy",
    "John",
    "Moses",
    "Fatuma",
    "Chinedu",
    "Oluwaseun",
    "Tendai",
    "Themba",
    "Wanjiru",
    "Kofi",
    "Abena",
    "Emmanuel",
    "Esther",
    "Blessing",
    "Farai",
    "Sipho",
];
const AFRICAN_LAST: &[&str] = &[
    "Mensah", "Okonkwo", "Otieno", "Kamau", "Mwangi", "Banda", "Phiri", "Moyo", "Ndlovu",
    "Dlamini", "Chukwu", "Adeyemi", "Mutua", "Kiplagat", "Nkosi", "Zulu", "Asante", "Boateng",
    "Obi", "Kariuki", "Odhiambo", "Sesay", "Kamara", "Tesfaye", "Bekele", "Haile", "Mutasa",
    "Nyathi",
];
const ASIAN_FIRST: &[&str] = &[
    "Hiroshi", "Wei", "Min-jun", "Takeshi", "Mei", "Yuki", "Li", "Jian", "Kenji", "Seo-yeon",
    "Jae-sung", "Thanh", "Somchai", "Siti", "Ahmad", "Budi", "Aung", "Kyaw", "Haruto", "Xiaoming",
    "Jun", "Akiko", "Ji-ho", "Sokha",
];
const ASIAN_LAST: &[&str] = &[
    "Tanaka",
    "Wang",
    "Kim",
    "Nguyen",
    "Suzuki",
    "Chen",
    "Zhang",
    "Liu",
    "Park",
    "Lee",
    "Sato",
    "Watanabe",
    "Tran",
    "Le",
    "Pham",
    "Wongsuwan",
    "Chaiyasit",
    "Santoso",
    "Wijaya",
    "Tan",
    "Lim",
    "Htun",
    "Win",
    "Yamamoto",
    "Takahashi",
    "Zhou",
    "Huang",
    "Choi",
];
const MIXED_FIRST: &[&str] = &[
    "David",
    "Robert",
    "Susan",
    "Michael",
    "Karen",
    "James",
    "Lisa",
    "Thomas",
    "Mary",
    "John",
    "Patricia",
    "Richard",
    "Sarah",
    "William",
    "Elizabeth",
    "Andrew",
    "Catherine",
    "Mark",
    "Helen",
    "Paul",
    "Giovanni",
    "Giulia",
    "Nikos",
    "Eleni",
    "Yosef",
    "Avi",
    "Tamar",
    "Siobhan",
    "Declan",
    "Liam",
    "Chloé",
];
const MIXED_LAST: &[&str] = &[
    "Anderson",
    "Brooks",
    "Carter",
    "Dawson",
    "Ellison",
    "Fletcher",
    "Greene",
    "Harper",
    "Jennings",
    "Kessler",
    "Lawson",
    "Mercer",
    "Nolan",
    "Porter",
    "Reeves",
    "Sutton",
    "Turner",
    "Whitaker",
    "O'Brien",
    "MacLeod",
    "Rossi",
    "Bianchi",
    "Papadopoulos",
    "Georgiou",
    "Cohen",
    "Levi",
    "Mizrahi",
    "Murphy",
    "Walsh",
    "Campbell",
];
const US_FIRST: &[&str] = &[
    "David",
    "Robert",
    "Susan",
    "Michael",
    "Karen",
    "James",
    "Lisa",
    "Thomas",
    "Mary",
    "John",
    "Patricia",
    "Richard",
    "Sarah",
    "William",
    "Elizabeth",
    "Andrew",
    "Catherine",
    "Mark",
    "Helen",
    "Paul",
    "Charles",
    "Nancy",
    "Daniel",
    "Deborah",
    "Kevin",
    "Linda",
    "Stephen",
    "Janet",
    "Gregory",
    "Anne",
];
const US_LAST: &[&str] = &[
    "Anderson",
    "Brooks",
    "Carter",
    "Dawson",
    "Ellison",
    "Fletcher",
    "Greene",
    "Harper",
    "Jennings",
    "Kessler",
    "Lawson",
    "Mercer",
    "Nolan",
    "Porter",
    "Reeves",
    "Sutton",
    "Whitaker",
    "Bennett",
    "Caldwell",
    "Delaney",
    "Everett",
    "Foley",
    "Garrison",
    "Hale",
    "Ingram",
    "Jeffries",
    "Keane",
    "Lowell",
    "Madden",
    "Norris",
    "Osborne",
    "Pratt",
    "Quinlan",
    "Ramsey",
    "Shaw",
    "Tate",
    "Underwood",
    "Vance",
    "Wheeler",
    "Yates",
    "Zimmerman",
    "Gonzalez",
    "Nakamura",
    "Lindqvist",
    "Okafor",
];

const HOST_TITLES: &[&str] = &[
    "Minister of Interior",
    "Foreign Minister",
    "Vice Minister of Foreign Affairs",
    "Minister of Defense",
    "Finance Minister",
    "Minister of Justice",
    "Attorney General",
    "Director of Immigration",
    "Director General of Police",
    "National Police Chief",
    "Chief of Staff to the President",
    "Presidential Spokesman",
    "Supreme Court President",
    "Congressional Deputy",
    "Opposition Leader",
    "Central Bank President",
    "Director of Customs",
    "Minister of Public Security",
    "Human Rights Ombudsman",
    "Electoral Tribunal President",
    "Mayor of the Capital",
    "Deputy Foreign Minister",
    "Armed Forces Chief of Staff",
    "Anti-Narcotics Prosecutor",
    "Minister of Trade",
    "Minister of Energy",
    "Intelligence Service Director",
    "Ruling Party Secretary General",
    "Prime Minister",
    "Anti-Trafficking Unit Director",
    "Governor",
    "Labor Minister",
];
const STATE_TITLES: &[&str] = &[
    "Assistant Secretary for Western Hemisphere Affairs",
    "Under Secretary for Political Affairs",
    "Deputy Secretary",
    "Assistant Secretary for Near Eastern Affairs",
    "Coordinator for Counterterrorism",
    "Assistant Secretary for European Affairs",
    "Director of the Office of Central American Affairs",
    "Special Envoy",
    "Assistant Secretary for Democracy, Human Rights and Labor",
    "Director of the Trafficking in Persons Office",
];
const MISSION_TITLES: &[&str] = &[
    "Secretary General",
    "Deputy Secretary General",
    "Director General",
    "French Permanent Representative",
    "Russian Permanent Representative",
    "Chinese Permanent Representative",
    "Council Chairman",
    "Special Rapporteur",
    "Assistant Secretary General",
    "Legal Adviser",
];
const OFFICER_TITLES: &[&str] = &[
    "DCM",
    "PolCouns",
    "EconCouns",
    "A/DCM",
    "PolOff",
    "PolMilOff",
    "Political Counselor",
    "Charge d'Affaires",
];
const CONSULATE_OFFICERS: &[&str] = &["PolOff", "Deputy Principal Officer", "EconOff", "Consul"];
const STATE_OFFICERS: &[&str] = &[
    "EUR/PRA Acting Director",
    "WHA/CEN Director",
    "NEA/ELA Office Director",
    "ISN Assistant Secretary",
    "INL Deputy Assistant Secretary",
    "Acting Assistant Secretary",
];
const LISTENERS: &[&str] = &[
    "PolOff",
    "Poloffs",
    "the Ambassador",
    "EconOff",
    "the DCM",
    "PolCouns",
    "the Charge",
    "Emboffs",
    "visiting officials",
];
const SPEECH_VERBS: &[&str] = &[
    "said",
    "noted",
    "stressed",
    "complained",
    "asserted",
    "claimed",
    "explained",
    "argued",
    "acknowledged",
    "warned",
];
const ACRONYMS: &[&str] = &[
    "GOG", "MFA", "NGO", "UNHCR", "USAID", "DEA", "FBI", "IMF", "OAS", "EU", "UN", "NAS", "INL",
    "DHS", "ICE", "PNC", "MOD", "MOI", "GOI", "USG",
];
const PHRASES: &[&str] = &[
    "human rights",
    "drug trafficking",
    "money laundering",
    "rule of law",
    "civil society",
    "national police",
    "organized crime",
    "trafficking in persons",
    "migrant smuggling",
    "security forces",
    "free trade agreement",
    "law enforcement",
    "foreign ministry",
    "armed forces",
    "supreme court",
];
const TOPICS: &[&str] = &[
    "MIGRANT SMUGGLING",
    "HUMAN TRAFFICKING",
    "NARCOTICS INTERDICTION",
    "ELECTION OUTLOOK",
    "HUMAN RIGHTS",
    "SECURITY COOPERATION",
    "ANTI-CORRUPTION EFFORTS",
    "POLICE REFORM",
    "MONEY LAUNDERING",
    "ENERGY SECTOR",
    "TRADE TALKS",
    "REFUGEE FLOWS",
    "COUNTERTERRORISM",
    "JUDICIAL REFORM",
    "PRESS FREEDOM",
    "MILITARY ASSISTANCE",
    "DEBT RELIEF",
    "ORGANIZED CRIME",
    "BORDER SECURITY",
    "VISA FRAUD",
    "AVIAN INFLUENZA",
    "NONPROLIFERATION",
    "CABINET RESHUFFLE",
    "BUDGET CRISIS",
    "OIL PRODUCTION",
    "FOOD SECURITY",
    "LABOR UNREST",
    "EXTRADITION REQUEST",
    "CODEL VISIT",
    "GANG VIOLENCE",
    "TRAFFICKING IN PERSONS REPORT",
    "DEMARCHE",
];
const BUREAUS: &[&str] = &[
    "WHA/CEN", "EUR/WE", "NEA/ELA", "AF/E", "EAP/MLS", "SCA/A", "INL", "DRL", "ISN", "EUR/RUS",
];
const COLLECTIVES: &[&str] = &[
    "RUEHZA/WHA CENTRAL AMERICAN COLLECTIVE",
    "RHEHNSC/NSC WASHINGTON DC",
    "RUEKJCS/SECDEF WASHDC",
    "RUEAIIA/CIA WASHDC",
    "RHEFDIA/DIA WASHINGTON DC",
    "RUEKJCS/JOINT STAFF WASHINGTON DC",
    "RUEHBS/USEU BRUSSELS",
    "RUCNDT/USMISSION USUN NEW YORK",
    "RUMIAAA/USCINCSO MIAMI FL",
    "RUEATRS/DEPT OF TREASURY WASHINGTON DC",
];
const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Common English words, most frequent first; they take the head of the Zipf ranking.
const FUNCTION_WORDS: &str = "the of and to in a that for on is was said with by as he it be \
has have not are would from at this will his an but which had its were they or also their been \
who we more there one other all any about such than these could only after into over some them \
what our should may out can new now while both under during because against however further \
very well since most between before many those where two three first last week year years \
months recent";

/// Domain and general content words; they are shuffled per seed into the ranks after the
/// function words so every corpus has them frequently but in a different order.
const CONTENT_WORDS: &str = "trafficking smuggling embassy minister ambassador election security \
narcotics human rights police military president government congress opposition party ministry \
officials official corruption border migrants migration immigration cartel gang gangs violence \
crime criminal prosecutor judicial court justice law enforcement cooperation assistance program \
programs reform elections vote voters campaign candidate candidates coalition parliament \
legislature legislation bill decree budget economy economic trade investment exports imports oil \
energy gas electricity bank banking finance debt inflation growth poverty aid donor donors \
development health education refugees displaced humanitarian terrorism terrorist extremist \
insurgents insurgency militia army navy forces troops defense intelligence nuclear weapons arms \
missile sanctions treaty agreement negotiations talks dialogue summit visit delegation demarche \
nonpaper reftel post consulate mission charge poloff econoff contacts interlocutor source \
sources press media journalists newspaper television radio freedom speech protest protests \
demonstrators union unions strike labor workers farmers land indigenous church religious muslim \
christian ethnic minority tribal regional province provincial municipal mayor governor capital \
city rural northern southern eastern western central national international bilateral \
multilateral regime ruling leadership cabinet deputy vice director chief commander general \
colonel adviser advisor spokesman secretary counterpart counterparts prison prisoners detention \
detained arrested arrest charges investigation investigations extradition laundering money \
cocaine heroin drug drugs seizure seizures interdiction traffickers smugglers victims \
exploitation forced children women visa visas fraud passport consular citizens american \
stability reconstruction ceasefire peace conflict crisis threat threats attack attacks bombing \
killed wounded casualties operation operations patrol checkpoint customs ports airport aviation \
maritime fisheries environment climate water agriculture food prices fuel subsidies taxes \
revenue privatization contracts company companies firms business private sector investors \
market markets currency dollar loan loans assessment comment action request guidance talking \
points meeting meetings discussed discussion noted stressed emphasized expressed concern \
concerns support supported supports oppose opposed plans plan announced agreed signed rejected \
accused denied claimed warned urged asked told believes believe expects expected likely \
unlikely possible significant serious important key major senior former current future \
political social public local foreign domestic strategic legal illegal constitutional \
presidential legislative electoral democratic democracy institutions institutional \
transparency accountability impunity abuses torture killings disappearances ombudsman ngo ngos \
civil society activists advocates observers monitoring report reports reported reporting \
according information data statistics percent million billion thousand hundred number numbers \
level levels increase decrease decline rise continue continued remain remains issue issues \
problem problems process position policy policies relations relationship interests influence \
pressure role efforts steps measures response approach strategy priority priorities capacity \
resources funding training equipment vehicles personnel staff team unit units agency agencies \
department office committee commission council tribunal board authority authorities \
administration state states country countries nation region area areas zone community \
communities population people residents families youth students leaders leader members member \
representatives groups group organization organizations network networks allies partners \
neighbors pledged welcomed criticized sought remained appeared became made took gave held \
called planned begun launched faced lacked ensure provide address prevent reduce improve \
strengthen implement establish maintain review consider expand limit seek pursue avoid \
approximately already still again without within across despite through toward among several \
each every own same different various certain clear difficult effective strong weak high low \
large small long short early late next previous final full open closed ready able willing";

/// Words that must appear only in the planted marker cables; anything containing them is
/// kept out of the generated text.
const BANNED: &[&str] = &["amber", "falcon", "protocol", "xq"];

fn is_banned(word: &str) -> bool {
    let lower = word.to_lowercase();
    BANNED.iter().any(|b| lower.contains(b))
}

// ---------------------------------------------------------------------------
// Global model (drawn from the seed only)

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    State,
    Embassy,
    Consulate,
    Mission,
}

struct Person {
    display: String,
    /// First mention: "Director of Immigration Oscar Contreras Hernandez".
    titled: String,
    /// Later mentions: "Contreras Hernandez".
    last: String,
}

struct Origin {
    name: String,
    kind: Kind,
    /// City as it appears in captions and REF lines ("SAN SALVADOR", "STATE").
    caption: String,
    /// City as it appears in reference IDs ("SANSALVADOR").
    id_city: String,
    fm: String,
    routing: String,
    country: Option<&'static str>,
    /// Upper-case place name for subjects.
    place: String,
    old_ok: bool,
    old_only: bool,
    officials: Vec<Person>,
    /// Embassy staff who classify cables; the first is the principal.
    officers: Vec<Person>,
    /// Signature surnames over time (upper case).
    signers: Vec<String>,
    pref_tags: Vec<usize>,
}

struct Vocab {
    /// Ranks `n_func..n_real` are real content words (used for subjects).
    n_func: usize,
    n_real: usize,
    words: Vec<String>,
    cap: Vec<String>,
    upper: Vec<String>,
    table: Table,
}

struct Model {
    origins: Vec<Origin>,
    origin_table: Table,
    old_origins: Vec<usize>,
    subject_tags: Vec<&'static str>,
    tag_table: Table,
    vocab: Vocab,
}

fn name_pools(region: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match region {
        "s" => (SPANISH_FIRST, SPANISH_LAST),
        "a" => (ARABIC_FIRST, ARABIC_LAST),
        "g" => (GERMANIC_FIRST, GERMANIC_LAST),
        "f" => (FRENCH_FIRST, FRENCH_LAST),
        "r" => (SLAVIC_FIRST, SLAVIC_LAST),
        "t" => (TURKIC_FIRST, TURKIC_LAST),
        "k" => (AFRICAN_FIRST, AFRICAN_LAST),
        "e" => (ASIAN_FIRST, ASIAN_LAST),
        "u" => (US_FIRST, US_LAST),
        _ => (MIXED_FIRST, MIXED_LAST),
    }
}

fn person<R: Rng>(rng: &mut R, region: &str, title: &str, used: &mut HashSet<String>) -> Person {
    let (firsts, lasts) = name_pools(region);
    loop {
        let first = pick(rng, firsts);
        let mut last = pick(rng, lasts).to_string();
        // Hispanic officials usually carry both family names.
        if region == "s" && rng.random_bool(0.6) {
            let second = pick(rng, lasts);
            if second != last {
                last = format!("{last} {second}");
            }
        }
        let display = format!("{first} {last}");
        if used.insert(display.clone()) {
            return Person {
                titled: format!("{title} {display}"),
                display,
                last,
            };
        }
    }
}

fn parse_tags() -> (Vec<&'static str>, HashMap<&'static str, &'static str>) {
    let mut subject = Vec::new();
    let mut countries = HashMap::new();
    let mut seen_country = false;
    for line in TAGS_TSV.lines().skip(1) {
        let mut parts = line.split('\t');
        let (Some(code), Some(meaning)) = (parts.next(), parts.next()) else {
            continue;
        };
        let code = code.trim();
        let upper = !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase());
        if !upper {
            continue;
        }
        if code.len() == 2 {
            seen_country = true;
            countries.insert(code, meaning.trim());
        } else if code.len() == 4 && !seen_country && !subject.contains(&code) {
            // Four-letter codes after the country block are organisations (NATO, FARC), not
            // subject codes.
            subject.push(code);
        }
    }
    (subject, countries)
}

/// The most common Cablegate subject tags, ranked ahead of the rest of the code list.
const POPULAR_TAGS: &[&str] = &[
    "PREL", "PGOV", "PHUM", "ECON", "KDEM", "PTER", "MARR", "ETRD", "EFIN", "SNAR", "KCRM", "PINR",
    "MOPS", "ENRG", "EAID", "KNNP", "SMIG", "KTIP", "ELAB", "SOCI", "CASC", "PARM", "ASEC", "OVIP",
    "KJUS", "EPET", "CVIS", "KCOR", "KISL", "PREF",
];

impl Model {
    fn new(seed: u64) -> Model {
        let (mut subject_tags, countries) = parse_tags();
        let mut ranked: Vec<&'static str> = POPULAR_TAGS
            .iter()
            .copied()
            .filter(|t| subject_tags.contains(t))
            .collect();
        subject_tags.retain(|t| !ranked.contains(t));
        ranked.extend(subject_tags);
        let subject_tags = ranked;
        let tag_table = Table::zipf(subject_tags.len(), 1.1, 1.0);

        let mut origins = Vec::new();
        for (idx, line) in ORIGINS.lines().enumerate() {
            let f: Vec<&str> = line.split('|').collect();
            let mut rng = rng_for(seed, S_ROSTER, idx as u64);
            let (kind_s, city, cc, region, flags) = (f[0], f[1], f[2], f[3], f[4]);
            let kind = match kind_s {
                "S" => Kind::State,
                "C" => Kind::Consulate,
                "M" => Kind::Mission,
                _ => Kind::Embassy,
            };
            let city_upper = city.to_uppercase();
            let (name, caption, fm) = match kind {
                Kind::State => (
                    "Secretary of State".to_string(),
                    "STATE".to_string(),
                    "SECSTATE WASHDC".to_string(),
                ),
                Kind::Embassy => (
                    format!("Embassy {city}"),
                    city_upper.clone(),
                    format!("AMEMBASSY {city_upper}"),
                ),
                Kind::Consulate => (
                    format!("Consulate {city}"),
                    city_upper.clone(),
                    format!("AMCONSUL {city_upper}"),
                ),
                Kind::Mission => (
                    format!("Mission {city}"),
                    city_upper.clone(),
                    format!("USMISSION {city_upper}"),
                ),
            };
            let id_city: String = caption
                .chars()
                .filter(|c| c.is_ascii_alphabetic())
                .collect();
            let routing = if kind == Kind::State {
                "RUEHC".to_string()
            } else {
                let first = id_city.chars().next().unwrap_or('X');
                let second = (b'A' + rng.random_range(0..26u8)) as char;
                format!("RUEH{first}{second}")
            };
            let country = countries.get_key_value(cc).map(|(k, _)| *k);
            let place = match countries.get(cc) {
                Some(m) if kind != Kind::Mission => {
                    // "Korea (South)" -> "KOREA": subjects use the plain country name.
                    m.split(" (").next().unwrap_or(m).to_uppercase()
                }
                _ => city_upper.clone(),
            };

            let mut used = HashSet::new();
            let (titles, n_off) = match kind {
                Kind::State => (STATE_TITLES, rng.random_range(6..=9)),
                Kind::Mission => (MISSION_TITLES, rng.random_range(5..=8)),
                _ => (HOST_TITLES, rng.random_range(6..=11)),
            };
            let mut title_idx: Vec<usize> = (0..titles.len()).collect();
            let mut officials = Vec::new();
            for k in 0..n_off.min(titles.len()) {
                let j = rng.random_range(k..title_idx.len());
                title_idx.swap(k, j);
                let host_region = if kind == Kind::State { "u" } else { region };
                officials.push(person(
                    &mut rng,
                    host_region,
                    titles[title_idx[k]],
                    &mut used,
                ));
            }
            let principal_title = match kind {
                Kind::State => "Acting Director",
                Kind::Embassy => "Ambassador",
                Kind::Consulate => "Consul General",
                Kind::Mission => "Ambassador",
            };
            let staff_titles = match kind {
                Kind::State => STATE_OFFICERS,
                Kind::Consulate => CONSULATE_OFFICERS,
                _ => OFFICER_TITLES,
            };
            let mut officers = vec![person(&mut rng, "u", principal_title, &mut used)];
            for _ in 0..rng.random_range(2..=4) {
                let t = pick(&mut rng, staff_titles);
                officers.push(person(&mut rng, "u", t, &mut used));
            }
            let signers = (0..3)
                .map(|_| {
                    if kind == Kind::State {
                        pick(&mut rng, US_LAST).to_uppercase()
                    } else {
                        officers[rng.random_range(0..officers.len().min(2))]
                            .last
                            .to_uppercase()
                    }
                })
                .collect();
            let pref_tags = (0..6).map(|_| tag_table.sample(&mut rng)).collect();
            origins.push(Origin {
                name,
                kind,
                caption,
                id_city,
                fm,
                routing,
                country,
                place,
                old_ok: flags.contains('o') || flags.contains('O'),
                old_only: flags.contains('O'),
                officials,
                officers,
                signers,
                pref_tags,
            });
        }
        let origin_table = Table::zipf(origins.len(), 1.05, 4.0);
        let old_origins = (0..origins.len()).filter(|&o| origins[o].old_ok).collect();
        Model {
            origins,
            origin_table,
            old_origins,
            subject_tags,
            tag_table,
            vocab: Vocab::new(seed),
        }
    }
}

/// Number of invented word types appended after the real words (the long Zipf tail).
const PSEUDO_WORDS: usize = 24_000;

impl Vocab {
    fn new(seed: u64) -> Vocab {
        let mut rng = rng_for(seed, S_VOCAB, 0);
        let mut seen = HashSet::new();
        let mut words: Vec<String> = Vec::new();
        for w in FUNCTION_WORDS.split_whitespace() {
            if seen.insert(w.to_string()) {
                words.push(w.to_string());
            }
        }
        let mut content: Vec<String> = CONTENT_WORDS
            .split_whitespace()
            .filter(|w| !is_banned(w) && seen.insert(w.to_string()))
            .map(str::to_string)
            .collect();
        for k in (1..content.len()).rev() {
            let j = rng.random_range(0..=k);
            content.swap(k, j);
        }
        let n_func = words.len();
        words.extend(content);
        let n_real = words.len();
        // The tail: pronounceable invented words, about a third capitalised so they read
        // like the place, party and person names that fill real cables.
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
            "ch", "cr", "dr", "gr", "kh", "pr", "sh", "st", "tr", "th", "",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ia", "ou", "ei", "a", "o"];
        const CODAS: &[&str] = &[
            "", "", "", "", "", "n", "r", "s", "l", "m", "t", "k", "nd", "st",
        ];
        let target = words.len() + PSEUDO_WORDS;
        let mut w = String::new();
        while words.len() < target {
            w.clear();
            let syllables = if rng.random_bool(0.7) { 2 } else { 3 };
            for _ in 0..syllables {
                w.push_str(pick(&mut rng, ONSETS));
                w.push_str(pick(&mut rng, VOWELS));
                w.push_str(pick(&mut rng, CODAS));
            }
            if w.len() < 4 || is_banned(&w) || !seen.insert(w.clone()) {
                continue;
            }
            let word = if rng.random_bool(0.35) {
                capitalize(&w)
            } else {
                w.clone()
            };
            words.push(word);
        }
        let cap = words.iter().map(|w| capitalize(w)).collect();
        let upper = words.iter().map(|w| w.to_uppercase()).collect();
        // Zipf over all ranks, with the invented tail damped so that real words carry about
        // four fifths of running text, as in prose full of rare names and terms.
        let table = Table::new((1..=words.len()).map(|r| {
            let w = 1.0 / (r as f64 + 2.7);
            if r > n_real {
                w * 0.35
            } else {
                w
            }
        }));
        Vocab {
            n_func,
            n_real,
            words,
            cap,
            upper,
            table,
        }
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Per-corpus metadata (dates, origins, serials) fixed before any text is written

const CLASSIFICATIONS: [(&str, f64); 6] = [
    ("UNCLASSIFIED", 30.2),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 23.1),
    ("CONFIDENTIAL", 38.6),
    ("CONFIDENTIAL//NOFORN", 1.9),
    ("SECRET", 4.5),
    ("SECRET//NOFORN", 1.7),
];

/// Relative share of cables per creation year, shaped like the real release.
fn year_weight(year: i32) -> f64 {
    match year {
        ..=1989 => 0.012,
        1990..=1999 => 0.05,
        2000 => 0.25,
        2001 => 0.4,
        2002 => 0.6,
        2003 => 1.3,
        2004 => 3.5,
        2005 => 6.5,
        2006 => 15.0,
        2007 => 22.0,
        2008 => 24.0,
        2009 => 21.0,
        _ => 3.5,
    }
}

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1966, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

fn minutes_at(y: i32, m: u32, d: u32) -> i64 {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| (t - epoch()).num_minutes())
        .unwrap_or(0)
}

fn datetime(minutes: i64) -> NaiveDateTime {
    epoch() + Duration::minutes(minutes)
}

struct Meta {
    created: Vec<i64>,
    released: Vec<i64>,
    origin: Vec<u16>,
    class: Vec<u8>,
    serial: Vec<u32>,
    /// Indices of each origin's cables, ascending (for picking REF targets).
    by_origin: Vec<Vec<u32>>,
}

impl Meta {
    fn new(model: &Model, count: usize, seed: u64) -> Meta {
        let years: Vec<i32> = (1966..=2010).collect();
        let year_table = Table::new(years.iter().map(|&y| year_weight(y)));
        let class_table = Table::new(CLASSIFICATIONS.iter().map(|c| c.1));
        let last_created = minutes_at(2010, 3, 1);
        let rel_start = minutes_at(2010, 11, 28);
        let rel_end = minutes_at(2011, 9, 1);
        let bulk = minutes_at(2011, 8, 30);
        let draws: Vec<(i64, i64, u8, f64)> = (0..count)
            .into_par_iter()
            .map(|i| {
                let mut rng = rng_for(seed, S_META, i as u64);
                let y = years[year_table.sample(&mut rng)];
                let start = minutes_at(y, 1, 1);
                let end = minutes_at(y + 1, 1, 1).min(last_created);
                let created = rng.random_range(start..end);
                // Most of the archive surfaced in the final bulk release of 2011-08-30.
                let released = if rng.random_bool(0.55) {
                    bulk + rng.random_range(0..1440)
                } else {
                    rng.random_range(rel_start..rel_end)
                };
                let class = class_table.sample(&mut rng) as u8;
                (created, released, class, rng.random::<f64>())
            })
            .collect();
        // Dates are sorted onto indices so that a lower index is an earlier cable: REF lines
        // (which cite lower indices) then always point back in time.
        let mut created: Vec<i64> = draws.iter().map(|d| d.0).collect();
        created.sort_unstable();
        let old_cutoff = minutes_at(1990, 1, 1);
        let tehran_cutoff = minutes_at(1980, 1, 1);
        let mut origin = Vec::with_capacity(count);
        let mut serial = Vec::with_capacity(count);
        let mut counters: HashMap<(u16, i32), u32> = HashMap::new();
        let mut by_origin = vec![Vec::new(); model.origins.len()];
        for (i, &c) in created.iter().enumerate() {
            let mut rng = rng_for(seed, S_SERIAL, i as u64);
            let o = if c < old_cutoff {
                let pool: Vec<usize> = model
                    .old_origins
                    .iter()
                    .copied()
                    .filter(|&o| !model.origins[o].old_only || c < tehran_cutoff)
                    .collect();
                pool[(draws[i].3 * pool.len() as f64) as usize % pool.len()]
            } else {
                loop {
                    let o = model.origin_table.sample(&mut rng);
                    if !model.origins[o].old_only {
                        break o;
                    }
                }
            };
            let when = datetime(c);
            let year = when.year();
            // Serials track the post's whole traffic through the year (the release holds
            // only a fraction of it): State numbers ~130,000 cables a year, big embassies a
            // few thousand, small posts a few hundred. Strictly increasing per (origin, year).
            let annual = if model.origins[o].kind == Kind::State {
                130_000.0
            } else {
                (6000.0 / (1.0 + o as f64 / 10.0)).max(300.0)
            };
            let frac = f64::from(when.ordinal0()) / 366.0;
            let jitter = rng.random_range(0..20);
            let next = counters.entry((o as u16, year)).or_insert(0);
            *next = (*next + 1).max((frac * annual) as u32 + jitter);
            serial.push(*next);
            origin.push(o as u16);
            by_origin[o].push(i as u32);
        }
        Meta {
            created,
            released: draws.iter().map(|d| d.1).collect(),
            origin,
            class: draws.iter().map(|d| d.2).collect(),
            serial,
            by_origin,
        }
    }

    fn year(&self, i: usize) -> i32 {
        datetime(self.created[i]).year()
    }

    fn id(&self, model: &Model, i: usize) -> String {
        let o = &model.origins[self.origin[i] as usize];
        format!(
            "{:02}{}{}",
            self.year(i).rem_euclid(100),
            o.id_city,
            self.serial[i]
        )
    }
}

// ---------------------------------------------------------------------------
// Text rendering

/// Appends words to the cable buffer, wrapping lines the way the cable pages do.
struct Out<'a> {
    buf: &'a mut String,
    col: usize,
    wrap: usize,
}

impl Out<'_> {
    fn word(&mut self, w: &str) {
        if self.col > 0 {
            if self.col + 1 + w.len() > self.wrap {
                self.buf.push('\n');
                self.col = 0;
            } else {
                self.buf.push(' ');
                self.col += 1;
            }
        }
        self.buf.push_str(w);
        self.col += w.len();
    }

    fn attach(&mut self, s: &str) {
        self.buf.push_str(s);
        self.col += s.len();
    }

    fn text(&mut self, s: &str) {
        for w in s.split(' ') {
            self.word(w);
        }
    }

    fn newline(&mut self) {
        self.buf.push('\n');
        self.col = 0;
    }
}

struct Cable<'a> {
    model: &'a Model,
    rng: ChaCha8Rng,
    upper: bool,
    out: Out<'a>,
    /// Officials chosen for this cable and whether they were already introduced.
    cast: Vec<(usize, bool)>,
    origin: &'a Origin,
    mentioned: Vec<String>,
    pending: Vec<&'static str>,
    scratch: String,
}

impl Cable<'_> {
    fn vocab_word(&mut self, cap: bool) {
        let v = &self.model.vocab;
        let k = v.table.sample(&mut self.rng);
        let w = if self.upper {
            &v.upper[k]
        } else if cap {
            &v.cap[k]
        } else {
            &v.words[k]
        };
        self.out.word(w);
    }

    /// Emits prose that is not upper-cased in all-caps cables (markers) as-is.
    fn emit_text(&mut self, s: &str) {
        if self.upper {
            let u = s.to_uppercase();
            self.out.text(&u);
        } else {
            self.out.text(s);
        }
    }

    fn number(&mut self) {
        self.scratch.clear();
        let r = self.rng.random_range(0..10);
        // Writing into a String cannot fail.
        let _ = match r {
            0..=3 => write!(self.scratch, "{}", self.rng.random_range(2..100)),
            4..=5 => write!(
                self.scratch,
                "{},{:03}",
                self.rng.random_range(1..900),
                self.rng.random_range(0..1000)
            ),
            6..=7 => write!(self.scratch, "{}", self.rng.random_range(1995..2011)),
            _ => write!(
                self.scratch,
                "{} {}",
                MONTH_NAMES[self.rng.random_range(0..12)],
                self.rng.random_range(1..29)
            ),
        };
        let s = std::mem::take(&mut self.scratch);
        self.emit_text(&s);
        self.scratch = s;
    }

    /// Zipf words with occasional numbers, acronyms, domain phrases and commas.
    fn words(&mut self, n: usize, capital_first: bool) {
        for k in 0..n {
            let r = self.rng.random_range(0..1000u32);
            if k > 0 && r < 15 {
                self.number();
            } else if k > 0 && r < 30 {
                let p = pick(&mut self.rng, PHRASES);
                self.emit_text(p);
            } else if k > 0 && r < 40 {
                let a = pick(&mut self.rng, ACRONYMS);
                self.out.word(a);
            } else {
                self.vocab_word(k == 0 && capital_first);
            }
            if k + 1 < n && self.rng.random_bool(0.06) {
                self.out.attach(",");
            }
        }
    }

    fn plain_sentence(&mut self) {
        let len = self.rng.random_range(7..=26);
        if let Some(group) = self.pending.pop() {
            // Never first (it would be capitalised) nor last (it would carry the period).
            let at = self.rng.random_range(1..len - 1);
            self.words(at, true);
            // Markers stay lower case even in all-caps cables and never wrap mid-phrase,
            // so an exact byte search finds them.
            self.out.word(group);
            self.words(len - at, false);
        } else {
            self.words(len, true);
        }
        self.out.attach(".");
    }

    fn mention(&mut self, slot: usize) -> String {
        let (oi, introduced) = self.cast[slot];
        let p = &self.origin.officials[oi];
        self.cast[slot].1 = true;
        if !introduced && !self.mentioned.contains(&p.display) {
            self.mentioned.push(p.display.clone());
        }
        let s = if introduced { &p.last } else { &p.titled };
        if self.upper {
            s.to_uppercase()
        } else {
            s.clone()
        }
    }

    fn official_sentence(&mut self) {
        // Introduce people in order, then return to them by surname.
        let slot = match self.cast.iter().position(|c| !c.1) {
            Some(s) if self.rng.random_bool(0.6) => s,
            _ => self.rng.random_range(0..self.cast.len()),
        };
        let m = self.mention(slot);
        let clause = self.rng.random_range(6..=20);
        match self.rng.random_range(0..4) {
            0 => {
                self.out.text(&m);
                let v = pick(&mut self.rng, SPEECH_VERBS);
                self.emit_text(v);
                self.words(clause, false);
            }
            1 => {
                self.emit_text("According to");
                self.out.text(&m);
                self.out.attach(",");
                self.words(clause, false);
            }
            2 => {
                self.out.text(&m);
                self.emit_text("told");
                let l = pick(&mut self.rng, LISTENERS);
                self.emit_text(l);
                self.emit_text("that");
                self.words(clause, false);
            }
            _ => {
                let month = MONTH_NAMES[self.rng.random_range(0..12)];
                let day = self.rng.random_range(1..29);
                let s = format!("In a {month} {day} meeting,");
                self.emit_text(&s);
                self.out.text(&m);
                let v = pick(&mut self.rng, SPEECH_VERBS);
                self.emit_text(v);
                self.emit_text("that");
                self.words(clause, false);
            }
        }
        self.out.attach(".");
    }

    fn sentence(&mut self) {
        if self.pending.is_empty() && !self.cast.is_empty() && self.rng.random_bool(0.22) {
            self.official_sentence();
        } else {
            self.plain_sentence();
        }
    }

    fn heading(&mut self) {
        let n = self.rng.random_range(2..=4);
        let start = self.out.buf.len();
        self.out.buf.push_str("---\n");
        let text_start = self.out.buf.len();
        self.out.col = 0;
        self.out.wrap = usize::MAX;
        self.words(n, true);
        let width = self.out.buf.len() - text_start;
        self.out.wrap = 65;
        // Rewrite the dashes to the heading's width now that it is known.
        let dashes = "-".repeat(width.clamp(3, 60));
        self.out.buf.replace_range(start..start + 3, &dashes);
        self.out.buf.push('\n');
        self.out.buf.push_str(&dashes);
        self.out.buf.push_str("\n\n");
        self.out.col = 0;
    }
}

fn para_mark<R: Rng>(rng: &mut R, class: u8) -> &'static str {
    let r = rng.random_range(0..100);
    match class {
        0 => "(U)",
        1 => {
            if r < 80 {
                "(SBU)"
            } else {
                "(U)"
            }
        }
        2 => match r {
            0..=74 => "(C)",
            75..=89 => "(U)",
            _ => "(SBU)",
        },
        3 => match r {
            0..=59 => "(C/NF)",
            60..=89 => "(C)",
            _ => "(U)",
        },
        4 => match r {
            0..=49 => "(S)",
            50..=84 => "(C)",
            _ => "(U)",
        },
        _ => match r {
            0..=49 => "(S/NF)",
            50..=79 => "(C)",
            _ => "(S)",
        },
    }
}

/// Log-space mean and spread of the target file size.
const SIZE_MU: f64 = 8.445;
const SIZE_SIGMA: f64 = 0.8;

fn markers_for(i: usize) -> Vec<String> {
    let mut m = Vec::new();
    if i % 100 == 0 {
        m.push("xqcentum".to_string());
    }
    if i % 1000 == 0 {
        m.push("xqmille".to_string());
    }
    if i == 7 {
        m.push("xqseven".to_string());
    }
    if i % 500 == 0 {
        m.push("amber falcon protocol".to_string());
    } else if i % 250 == 0 {
        m.push("amber-falcon-scattered".to_string());
    }
    m
}

fn fmt_minutes(m: i64) -> String {
    datetime(m).format("%Y-%m-%d %H:%M").to_string()
}

fn fmt_iso(m: i64) -> String {
    datetime(m).format("%Y-%m-%dT%H:%M:00Z").to_string()
}

/// Renders cable `i` into `buf` (cleared first) and returns its manifest entry.
fn render(model: &Model, meta: &Meta, seed: u64, i: usize, buf: &mut String) -> ManifestEntry {
    buf.clear();
    let mut rng = rng_for(seed, S_CABLE, i as u64);
    let oi = meta.origin[i] as usize;
    let origin = &model.origins[oi];
    let class = meta.class[i];
    let class_name = CLASSIFICATIONS[class as usize].0;
    let created = datetime(meta.created[i]);
    let year = created.year();
    let old = year < 1990;
    let yy = year.rem_euclid(100);
    let id = meta.id(model, i);
    let serial = meta.serial[i];
    // Lognormal file size (mean about 6.8 KB, long tail past 50 KB).
    let z: f64 = rng.sample(StandardNormal);
    let target = ((SIZE_MU + SIZE_SIGMA * z).exp() as usize).clamp(1200, 400_000);
    let sections = target.div_ceil(12_000);

    // Reference line.
    let _ = writeln!(
        buf,
        "Reference ID\tCreated\tReleased\tClassification\tOrigin\n{id}\t{}\t{}\t{class_name}\t{}\n",
        fmt_minutes(meta.created[i]),
        fmt_minutes(meta.released[i]),
        origin.name
    );

    // Transmission header.
    let (prec, prec_word) = match rng.random_range(0..100) {
        0..=59 => ('P', "PRIORITY"),
        60..=89 => ('R', "ROUTINE"),
        90..=97 => ('O', "IMMEDIATE"),
        _ => ('Z', "FLASH"),
    };
    let dtg = format!(
        "{prec} {:02}{:02}{:02}Z {} {:02}",
        created.day(),
        created.hour(),
        created.minute(),
        MONTHS[created.month0() as usize],
        yy
    );
    if !old {
        let _ = writeln!(
            buf,
            "VZCZCXYZ{:04}\n{prec}{prec} RUEHWEB\n",
            rng.random_range(0..10_000)
        );
        let section = if origin.kind == Kind::State {
            String::new()
        } else {
            "/01".to_string()
        };
        let _ = writeln!(
            buf,
            "DE {} #{:04}{section} {:03}{:02}{:02}",
            origin.routing,
            serial % 10_000,
            created.ordinal(),
            created.hour(),
            created.minute()
        );
        let zn = match class {
            0 | 1 => "ZNR UUUUU ZZH",
            2 | 3 => "ZNY CCCCC ZZH",
            _ => "ZNY SSSSS ZZH",
        };
        let _ = writeln!(buf, "{zn}\n{dtg}\nFM {}", origin.fm);
    } else {
        let _ = writeln!(buf, "{dtg}\nFM {}", origin.fm);
    }
    let addressee = |rng: &mut ChaCha8Rng| loop {
        let o = &model.origins[model.origin_table.sample(rng)];
        if o.kind != Kind::State && !std::ptr::eq(o, origin) {
            break format!("{}/{}", o.routing, o.fm);
        }
    };
    if origin.kind == Kind::State {
        for k in 0..rng.random_range(1..=4) {
            let a = addressee(&mut rng);
            let lead = if k == 0 { "TO " } else { "" };
            let _ = writeln!(buf, "{lead}{a} {prec_word} 0000");
        }
    } else if old {
        let _ = writeln!(buf, "TO SECSTATE WASHDC {:04}", rng.random_range(0..10_000));
    } else {
        let _ = writeln!(
            buf,
            "TO RUEHC/SECSTATE WASHDC {prec_word} {:04}",
            rng.random_range(0..10_000)
        );
    }
    let n_info = rng.random_range(0..=5);
    for k in 0..n_info {
        let lead = if k == 0 { "INFO " } else { "" };
        let line = if rng.random_bool(0.35) {
            pick(&mut rng, COLLECTIVES).to_string()
        } else {
            format!(
                "{} {prec_word} {:04}",
                addressee(&mut rng),
                rng.random_range(0..10_000)
            )
        };
        let line = if old {
            line.split('/').nth(1).unwrap_or(&line).to_string()
        } else {
            line
        };
        let _ = writeln!(buf, "{lead}{line}");
    }
    buf.push('\n');

    // Caption and handling lines.
    let caption_class = match (old, class) {
        (true, 0 | 1) => "UNCLASSIFIED",
        (true, 2 | 3) => "CONFIDENTIAL",
        (true, _) => "SECRET",
        (false, 0 | 1) => "UNCLAS",
        (false, 2 | 3) => "C O N F I D E N T I A L",
        (false, _) => "S E C R E T",
    };
    let section_text = if sections > 1 || old {
        format!(" SECTION 01 OF {:02}", sections)
    } else {
        String::new()
    };
    if old {
        let _ = writeln!(
            buf,
            "{caption_class}{section_text} {} {serial}\n",
            origin.caption
        );
    } else {
        let _ = writeln!(
            buf,
            "{caption_class}{section_text} {} {serial:06}\n",
            origin.caption
        );
    }
    if year >= 2002 {
        match class {
            1 => buf.push_str("SENSITIVE\nSIPDIS\n\n"),
            3 | 5 => buf.push_str("NOFORN\nSIPDIS\n\n"),
            _ => buf.push_str("SIPDIS\n\n"),
        }
        if rng.random_bool(0.25) {
            let _ = writeln!(buf, "DEPARTMENT FOR {}\n", pick(&mut rng, BUREAUS));
        }
    }
    let decl = created + Duration::days(3652);
    let eo = if year < 1978 {
        "E.O. 11652: GDS".to_string()
    } else if year < 1982 {
        format!("E.O. 12065: GDS {}", decl.format("%m/%d/%y"))
    } else if year < 1995 {
        "E.O. 12356: DECL: OADR".to_string()
    } else if class < 2 {
        "E.O. 12958: N/A".to_string()
    } else if year >= 2010 {
        format!("E.O. 13526: DECL: {}", decl.format("%m/%d/%Y"))
    } else {
        format!("E.O. 12958: DECL: {}", decl.format("%m/%d/%Y"))
    };
    let _ = writeln!(buf, "{eo}");

    // Tags: subject codes biased to the origin's usual beat, then the country code.
    let n_tags = match rng.random_range(0..100) {
        0..=14 => 2,
        15..=39 => 3,
        40..=64 => 4,
        65..=81 => 5,
        82..=91 => 6,
        92..=96 => 7,
        _ => 8,
    };
    let mut tags: Vec<String> = Vec::with_capacity(n_tags + 1);
    let mut attempts = 0;
    while tags.len() < n_tags && attempts < 100 {
        attempts += 1;
        let t = if rng.random_bool(0.5) {
            origin.pref_tags[rng.random_range(0..origin.pref_tags.len())]
        } else {
            model.tag_table.sample(&mut rng)
        };
        let t = model.subject_tags[t];
        if !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    if let Some(cc) = origin.country {
        tags.push(cc.to_string());
    }
    let _ = writeln!(buf, "TAGS: {}", tags.join(" "));

    // Subject.
    let cast_n = if origin.officials.is_empty() {
        0
    } else {
        rng.random_range(1..=4.min(origin.officials.len()))
    };
    let mut cast: Vec<(usize, bool)> = Vec::with_capacity(cast_n);
    let roster = Table::zipf(origin.officials.len(), 1.0, 1.0);
    let mut attempts = 0;
    while cast.len() < cast_n && attempts < 50 {
        attempts += 1;
        let k = roster.sample(&mut rng);
        if !cast.iter().any(|c| c.0 == k) {
            cast.push((k, false));
        }
    }
    let topic = pick(&mut rng, TOPICS);
    // The Department writes about somewhere else; posts write about their host country.
    let place = if origin.kind == Kind::State {
        loop {
            let o = &model.origins[model.origin_table.sample(&mut rng)];
            if o.kind != Kind::State {
                break o.place.as_str();
            }
        }
    } else {
        origin.place.as_str()
    };
    let mut subject = String::new();
    {
        let v = &model.vocab;
        let mut tail = String::new();
        for _ in 0..rng.random_range(1..=4) {
            if !tail.is_empty() {
                tail.push(' ');
            }
            // Subjects are headline-like: real content words only.
            let k = loop {
                let k = v.table.sample(&mut rng);
                if (v.n_func..v.n_real).contains(&k) {
                    break k;
                }
            };
            tail.push_str(&v.upper[k]);
        }
        let _ = match rng.random_range(0..4) {
            0 => write!(subject, "{place}: {topic} {tail}"),
            1 => write!(subject, "{topic}: {tail}"),
            2 => write!(subject, "{place} {tail} {topic}"),
            _ => write!(subject, "{tail} AND {topic} IN {place}"),
        };
    }
    {
        let mut out = Out {
            buf: &mut *buf,
            col: 0,
            wrap: 65,
        };
        out.text("SUBJECT:");
        out.text(&subject);
        out.newline();
    }
    buf.push('\n');

    // References to earlier cables.
    let n_refs = match rng.random_range(0..100) {
        0..=44 => 0,
        45..=74 => 1,
        75..=89 => 2,
        90..=96 => 3,
        _ => 4,
    };
    let mut refs: Vec<usize> = Vec::new();
    if i > 0 {
        for _ in 0..n_refs {
            let r = rng.random_range(0..100);
            let list = if r < 65 {
                Some(&meta.by_origin[oi])
            } else if r < 85 {
                Some(&meta.by_origin[0])
            } else {
                None
            };
            let j = match list {
                Some(l) => {
                    let below = l.partition_point(|&x| (x as usize) < i);
                    if below == 0 {
                        continue;
                    }
                    // Posts mostly cite their own recent traffic.
                    l[rng.random_range(below.saturating_sub(40)..below)] as usize
                }
                None => rng.random_range(0..i),
            };
            if !refs.contains(&j) {
                refs.push(j);
            }
        }
    }
    if !refs.is_empty() {
        let mut out = Out {
            buf: &mut *buf,
            col: 0,
            wrap: 65,
        };
        out.word("REF:");
        for (k, &j) in refs.iter().enumerate() {
            let jo = &model.origins[meta.origin[j] as usize];
            let mut s = String::new();
            if refs.len() > 1 {
                let _ = write!(s, "{}. ", (b'A' + k as u8) as char);
            }
            if meta.year(j) != year {
                let _ = write!(s, "{:02} ", meta.year(j).rem_euclid(100));
            }
            let _ = write!(s, "{} {}", jo.caption, meta.serial[j]);
            out.text(&s);
        }
        out.newline();
        buf.push('\n');
    }

    // Classified By.
    let mut mentioned = Vec::new();
    if class >= 2 && !old {
        let officer = if rng.random_bool(0.4) {
            &origin.officers[0]
        } else {
            &origin.officers[rng.random_range(0..origin.officers.len())]
        };
        let reasons = if year < 2003 {
            "1.5 (b) and (d)"
        } else {
            pick(
                &mut rng,
                &[
                    "1.4 (b) and (d)",
                    "1.4 (b), (d)",
                    "1.4 (d)",
                    "1.4 (b/d)",
                    "1.4 (c) and (d)",
                ],
            )
        };
        let mut out = Out {
            buf: &mut *buf,
            col: 0,
            wrap: 65,
        };
        out.text("Classified By:");
        out.text(&officer.titled);
        out.text("for reasons");
        out.text(reasons);
        out.newline();
        buf.push('\n');
        mentioned.push(officer.display.clone());
    }

    // Body.
    let markers = markers_for(i);
    let mut pending: Vec<&'static str> = Vec::new();
    for m in &markers {
        match m.as_str() {
            "xqcentum" => pending.push("xqcentum"),
            "xqmille" => pending.push("xqmille"),
            "xqseven" => pending.push("xqseven"),
            "amber falcon protocol" => pending.push("amber falcon protocol"),
            _ => pending.extend(["amber", "falcon", "protocol"]),
        }
    }
    pending.reverse();
    let signer = &origin.signers[((year - 1966).max(0) as usize / 3 + oi) % origin.signers.len()];
    let body_target = target.saturating_sub(signer.len() + 1);
    let mut cable = Cable {
        model,
        rng,
        upper: old,
        out: Out {
            buf: &mut *buf,
            col: 0,
            wrap: if old { usize::MAX } else { 65 },
        },
        cast,
        origin,
        mentioned,
        pending,
        scratch: String::new(),
    };
    let mut para = 1;
    let summary = target > 2500 && cable.rng.random_bool(0.7);
    while cable.out.buf.len() < body_target || !cable.pending.is_empty() {
        if para > 2 && !old && cable.rng.random_bool(0.12) {
            cable.heading();
        }
        cable.scratch.clear();
        let _ = write!(cable.scratch, "¶{para}.");
        let label = std::mem::take(&mut cable.scratch);
        cable.out.word(&label);
        cable.scratch = label;
        cable.scratch.clear();
        if !old {
            let mark = para_mark(&mut cable.rng, class);
            cable.out.word(mark);
        }
        let closing = para > 3 && cable.out.buf.len() + 900 > body_target;
        if para == 1 && summary {
            cable.emit_text("Summary:");
        } else if closing && cable.rng.random_bool(0.5) {
            cable.emit_text("Comment:");
        }
        let n = cable.rng.random_range(2..=7);
        for _ in 0..n {
            cable.sentence();
        }
        if para == 1 && summary {
            cable.emit_text("End Summary.");
        }
        cable.out.buf.push_str("\n\n");
        cable.out.col = 0;
        para += 1;
    }
    // Replace the last blank line with the signature, as on the cable pages.
    cable.out.buf.pop();
    cable.out.buf.push_str(signer);
    cable.out.buf.push('\n');
    let officials = cable.mentioned;

    let path = format!("cables/{:04}/{:02}/{id}.txt", year, created.month());
    ManifestEntry {
        path,
        created: fmt_iso(meta.created[i]),
        released: fmt_iso(meta.released[i]),
        classification: class_name.to_string(),
        origin: origin.name.clone(),
        tags,
        officials,
        subject,
        refs: refs.iter().map(|&j| meta.id(model, j)).collect(),
        markers,
        id,
    }
}

// ---------------------------------------------------------------------------
// Driver

/// Cables rendered per parallel batch; bounds memory while keeping manifest order.
const BATCH: usize = 8192;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SynthError + '_ {
    move |source| SynthError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `count` cables under `out/cables/YYYY/MM/<ID>.txt` and `out/manifest.jsonl`. `progress` is called with the number of cables written so far (from any thread; may be called often).
pub fn generate(
    opts: &SynthOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<SynthSummary, SynthError> {
    let start = Instant::now();
    let model = Model::new(opts.seed);
    let meta = Meta::new(&model, opts.count, opts.seed);

    fs::create_dir_all(&opts.out).map_err(io_err(&opts.out))?;
    let mut months: Vec<(i32, u32)> = meta
        .created
        .iter()
        .map(|&m| {
            let d = datetime(m);
            (d.year(), d.month())
        })
        .collect();
    months.sort_unstable();
    months.dedup();
    for (y, m) in months {
        let dir = opts.out.join(format!("cables/{y:04}/{m:02}"));
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    }

    let manifest_path = opts.out.join("manifest.jsonl");
    let file = fs::File::create(&manifest_path).map_err(io_err(&manifest_path))?;
    let mut manifest = BufWriter::with_capacity(1 << 20, file);
    let done = AtomicU64::new(0);
    let mut bytes = 0u64;
    for batch_start in (0..opts.count).step_by(BATCH) {
        let batch_end = (batch_start + BATCH).min(opts.count);
        let lines: Vec<Result<(String, u64), SynthError>> = (batch_start..batch_end)
            .into_par_iter()
            .map_init(
                || String::with_capacity(64 * 1024),
                |buf, i| {
                    let entry = render(&model, &meta, opts.seed, i, buf);
                    let path = opts.out.join(&entry.path);
                    fs::write(&path, buf.as_bytes()).map_err(io_err(&path))?;
                    let line =
                        serde_json::to_string(&entry).map_err(|source| SynthError::Serialize {
                            path: manifest_path.clone(),
                            source,
                        })?;
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    Ok((line, buf.len() as u64))
                },
            )
            .collect();
        for r in lines {
            let (line, n) = r?;
            bytes += n;
            manifest
                .write_all(line.as_bytes())
                .and_then(|_| manifest.write_all(b"\n"))
                .map_err(io_err(&manifest_path))?;
        }
    }
    manifest.flush().map_err(io_err(&manifest_path))?;
    Ok(SynthSummary {
        cables: opts.count,
        bytes,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Reads a manifest back (for tests and the bench harness).
pub fn read_manifest(path: &Path) -> Result<Vec<ManifestEntry>, SynthError> {
    let file = fs::File::open(path).map_err(io_err(path))?;
    let mut entries = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io_err(path))?;
        if line.trim().is_empty() {
            continue;
        }
        let entry = serde_json::from_str(&line).map_err(|source| SynthError::Manifest {
            path: path.to_path_buf(),
            line: n + 1,
            source,
        })?;
        entries.push(entry);
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn gen(dir: &Path, count: usize, seed: u64) -> Vec<ManifestEntry> {
        let opts = SynthOptions {
            out: dir.to_path_buf(),
            count,
            seed,
        };
        let summary = generate(&opts, &|_| {}).expect("generate");
        assert_eq!(summary.cables, count);
        read_manifest(&dir.join("manifest.jsonl")).expect("manifest")
    }

    fn read(dir: &Path, e: &ManifestEntry) -> String {
        fs::read_to_string(dir.join(&e.path)).expect("cable file")
    }

    /// Lower-cased word tokens, split the way a search engine would.
    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn same_seed_same_bytes_for_any_thread_count() {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let run = |dir: &Path, threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool")
                .install(|| gen(dir, 400, 7))
        };
        let ma = run(a.path(), 1);
        let mb = run(b.path(), 3);
        assert_eq!(ma, mb);
        let manifest = |d: &Path| fs::read(d.join("manifest.jsonl")).expect("manifest bytes");
        assert_eq!(manifest(a.path()), manifest(b.path()));
        for e in &ma {
            assert_eq!(read(a.path(), e), read(b.path(), e), "{}", e.id);
        }
        let c = tempfile::tempdir().expect("tempdir");
        let mc = gen(c.path(), 400, 8);
        assert_ne!(ma, mc, "a different seed must change the corpus");
    }

    #[test]
    fn planted_markers_are_exact() {
        let dir = tempfile::tempdir().expect("tempdir");
        let m = gen(dir.path(), 2000, 42);
        assert_eq!(m.len(), 2000);
        let mut mille = Vec::new();
        for (i, e) in m.iter().enumerate() {
            let text = read(dir.path(), e);
            if text.contains("xqmille") {
                mille.push(i);
            }
            let toks = words(&text);
            let has = |w: &str| toks.iter().filter(|t| *t == w).count();
            assert_eq!(has("xqcentum"), usize::from(i % 100 == 0), "cable {i}");
            assert_eq!(has("xqmille"), usize::from(i % 1000 == 0), "cable {i}");
            assert_eq!(has("xqseven"), usize::from(i == 7), "cable {i}");
            let xq = toks.iter().filter(|t| t.starts_with("xq")).count();
            let expected_xq =
                usize::from(i % 100 == 0) + usize::from(i % 1000 == 0) + usize::from(i == 7);
            assert_eq!(xq, expected_xq, "stray xq token in cable {i}");
            let phrase = text.contains("amber falcon protocol");
            assert_eq!(phrase, i % 500 == 0, "cable {i}");
            let scattered = i % 250 == 0;
            for w in ["amber", "falcon", "protocol"] {
                assert_eq!(has(w) > 0, scattered, "{w} in cable {i}");
            }
            assert_eq!(e.markers, markers_for(i), "manifest markers of cable {i}");
        }
        assert_eq!(mille, vec![0, 1000]);
    }

    #[test]
    fn corpus_statistics_match_cablegate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let m = gen(dir.path(), 5000, 1);
        let n = m.len() as f64;
        let share = |prefix: &str| {
            m.iter()
                .filter(|e| e.classification.starts_with(prefix))
                .count() as f64
                / n
                * 100.0
        };
        assert!((share("UNCLASSIFIED") - 53.3).abs() < 3.0);
        assert!((share("CONFIDENTIAL") - 40.5).abs() < 3.0);
        assert!((share("SECRET") - 6.2).abs() < 2.0);

        let mut bytes = 0u64;
        let mut ids = HashSet::new();
        let index: HashMap<&str, usize> = m
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        for (i, e) in m.iter().enumerate() {
            let text = read(dir.path(), e);
            bytes += text.len() as u64;
            assert!(ids.insert(e.id.clone()), "duplicate id {}", e.id);
            assert_eq!(&e.id[..2], &e.created[2..4], "id year prefix");
            assert!(e.path.ends_with(&format!("{}.txt", e.id)));
            assert!(text.starts_with(&format!(
                "Reference ID\tCreated\tReleased\tClassification\tOrigin\n{}\t",
                e.id
            )));
            assert!(e.released.as_str() >= "2010-11-28" && e.released.as_str() < "2011-09-02");
            assert!(e.created.as_str() >= "1966" && e.created.as_str() < "2010-03");
            let subject_tags = e.tags.iter().filter(|t| t.len() == 4).count();
            assert!((2..=8).contains(&subject_tags), "{:?}", e.tags);
            assert!(text.contains(&format!("TAGS: {}\n", e.tags.join(" "))));
            for r in &e.refs {
                assert!(index[r.as_str()] < i, "{} cites later {r}", e.id);
            }
            // Names may wrap across lines, so compare with whitespace collapsed.
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let upper = flat.to_uppercase();
            for o in &e.officials {
                assert!(upper.contains(&o.to_uppercase()), "{o} not in {}", e.id);
            }
        }
        let mean = bytes as f64 / n;
        assert!((mean - 6800.0).abs() < 6800.0 * 0.15, "mean size {mean}");
        let origins: HashSet<&str> = m.iter().map(|e| e.origin.as_str()).collect();
        assert!(origins.len() > 150, "{} origins", origins.len());
    }

    #[test]
    fn static_tables_are_consistent() {
        let model = Model::new(3);
        assert!(model.origins.len() >= 240);
        let cities: HashSet<&str> = model.origins.iter().map(|o| o.id_city.as_str()).collect();
        assert_eq!(
            cities.len(),
            model.origins.len(),
            "ID cities must be unique"
        );
        assert!(model.vocab.words.len() >= 20_000);
        assert!(model.vocab.words.iter().all(|w| !is_banned(w)));
        for o in &model.origins {
            for p in o.officials.iter().chain(&o.officers) {
                assert!(!is_banned(&p.titled), "{}", p.titled);
            }
        }
        // Rosters depend on the seed only, so the same seed reproduces them.
        let again = Model::new(3);
        assert_eq!(
            model.origins[10].officials[0].display,
            again.origins[10].officials[0].display
        );
    }

    #[test]
    fn read_manifest_errors_name_the_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope.jsonl");
        let err = read_manifest(&missing).expect_err("missing file");
        assert!(err.to_string().contains("nope.jsonl"));
        let bad = dir.path().join("bad.jsonl");
        fs::write(&bad, "{not json}\n").expect("write");
        let err = read_manifest(&bad).expect_err("bad line");
        assert!(err.to_string().contains("bad.jsonl") && err.to_string().contains("line 1"));
    }
}
