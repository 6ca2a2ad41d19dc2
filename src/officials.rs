//! Officials: finds the people a cable names (titles, Classified By, signature) and normalizes their names.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// A person named in a cable, as a reader would write the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// Display name, accents kept, ALL CAPS input converted to title case.
    pub name: String,
    /// The title the cable gives the person, if any ("Director of Immigration").
    pub title: Option<String>,
}

/// Finds the people named in a cable's full text (header lines, routing, body; any case).
/// Deterministic, never panics, order = first mention.
pub fn extract_officials(text: &str) -> Vec<Official> {
    let doc_caps = is_caps_document(text);
    let toks = tokenize(text, doc_caps, true);
    let prose = Prose {
        toks: &toks,
        words: OnceCell::new(),
    };
    let mut cands: Vec<Cand> = Vec::new();
    scan_titles(&toks, &prose, &mut cands);
    scan_cues(&toks, &prose, &mut cands);
    scan_eo_line(text, &mut cands);
    scan_classified_by(text, &mut cands);
    scan_signature(text, &mut cands);
    merge(cands)
}

/// Case- and accent-folded key for a name ("Mario René Cifuentes" -> "mario rene cifuentes"); used to dedupe, search and facet.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfd() {
        if is_combining(c) {
            continue;
        }
        // Letters that do not decompose under NFD still need an ASCII key.
        let mapped: &str = match c {
            'ø' | 'Ø' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ß' => "ss",
            'ı' => "i",
            '’' | '‘' | '`' | 'ʼ' => "'",
            '‐' | '‑' | '–' => "-",
            _ => "",
        };
        if !mapped.is_empty() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(mapped);
        } else if c.is_alphanumeric() || c == '\'' || c == '-' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == ',' {
            pending_space = true;
        }
        // Periods and other punctuation are dropped so "S." and "S" fold alike.
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

// ---------------------------------------------------------------------------
// Word classes

const HEAD: u16 = 1; // job titles that introduce or follow a name
const MOD: u16 = 2; // words that qualify a title ("Vice", "program")
const COMP: u16 = 4; // words of a title's complement ("of Foreign Affairs")
const STOP: u16 = 8; // never part of a person's name
const COMMON: u16 = 16; // ordinary English words (decisive in ALL CAPS text)
const PART: u16 = 32; // name particles (de, van, bin)
const HON: u16 = 64; // honorifics and abbreviated ranks ("Mr.", "Gen.")
const CONN: u16 = 128; // connectors inside titles ("of", "the")
const ART: u16 = 256; // articles/possessives allowed before a title after a comma
const GEO: u16 = 512; // countries, nationalities, capitals
const CHARGE: u16 = 1024; // "Charge", a title only with "d'Affaires"
const DAFF: u16 = 2048; // "d'Affaires"
const PREP: u16 = 4096; // prepositions that open a title complement

const HEAD_WORDS: &str = "ambassador ambassadors president minister ministers director secretary general officer advisor adviser \
 counselor counsellor spokesman spokeswoman spokesperson chief governor mayor senator congressman congresswoman \
 deputy chairman chairwoman chairperson commander colonel captain lieutenant admiral judge prosecutor king prince \
 princess sheikh shaykh emir amir premier chancellor coordinator representative consul attache envoy undersecretary \
 under-secretary vice-president vice-minister commissioner head leader archbishop bishop cardinal sultan imam mullah \
 ayatollah magistrate auditor inspector superintendent administrator manager editor journalist \
 reporter activist lawyer professor dean rector candidate founder ceo chargé charge d'affaires polcouns poloff econoff \
 econcouns polmiloff polmil econmin dcm cda com pao rso ambassador-designate chairmen mp legislator deputies delegate \
 diplomat aide assistant economist analyst attorney-general field marshal marshal brigadier sergeant major-general \
 vice-admiral counsel counselors minister-counselor minister-counsellor consul-general president-elect governor-general \
 secretary-general director-general chief-of-staff speaker treasurer registrar ombudsman comptroller controller \
 attorney pastor father reverend rev rabbi patriarch cleric commandant mufti crown queen \
 polchief econchief polmincouns econmincouns mincouns polecon poleconoff poleconchief poleconcouns conoff consoff \
 conscouns conschief mgmtoff mgmtcouns laboff labatt polmilcouns econoffs poloffs emboff emboffs datt defatt \
 chair co-chair vice-chair chairs";

const HON_WORDS: &str = "mr mrs ms dr lic amb gen col lt sen rep gov pres messrs mme mlle sra srta dra \
 maj capt cdr adm brig sgt hon prof sheikh mg bg ltc lord baroness baron dame sir ltgen majgen brigen";

const MOD_WORDS: &str = "vice acting former senior junior foreign prime interior defense defence finance political \
 economic econ pol polmil consular public executive first second third special principal permanent program programme \
 regional national local embassy human rights desk legal press military naval air army police deputy assistant \
 associate managing chief supreme lead team project country station staff trade commercial cultural labor labour \
 environment science health education justice security intelligence media communications information protocol \
 presidential parliamentary party opposition ruling provincial state federal district municipal city town county \
 tip g/tip inl dea fbi mfa mod moi usaid mission new outgoing incoming designate interim elected newly then current \
 top high-ranking ranking longtime long-time veteran influential powerful";

const COMP_WORDS: &str = "foreign affairs interior defense defence finance finances economy economic justice health \
 education immigration migration social welfare security public national state trade commerce industry energy mines \
 mining agriculture labor labour planning war information intelligence culture tourism transport transportation \
 communications communication environment women youth sports human rights development cooperation integration ministry \
 office department police army navy air force forces staff joint chiefs mission embassy government bank central \
 supreme court electoral tribunal council assembly congress parliament party international relations policy political \
 legal consular protection children family strategic plans operations counterterrorism narcotics drug drugs \
 enforcement administration presidency republic presidential secretariat water oil petroleum gas electricity works \
 housing land lands fisheries religious endowments islamic armed general staff treasury customs revenue tax taxes \
 investment investments infrastructure public-works hydrocarbons gender equality minorities refugees displaced \
 nonproliferation nuclear affairs programs program protocol press media science technology research higher \
 municipal urban rural local regional provincial federal budget audit auditing comptroller prosecutor prosecutors \
 attorney general's office bureau agency division unit directorate service services command guard border borders \
 coast homeland prisons penitentiary correctional corrections narcotic trafficking persons victims crime crimes \
 civilian organized human-rights election elections vote ombudsman counselor counsellor commission committee central-america \
 americas hemisphere hemispheric western european asian african middle east eastern southern northern post posts \
 north south west procurement solidarity ecology economics reconstruction negotiations negotiation talks \
 sustainable affairs' citizens overseas abroad emigration expatriates communities veterans";

const CONN_WORDS: &str = "of for at to in the and on with & y";

const ART_WORDS: &str = "the a an his her its their our then also now currently";

const PART_WORDS: &str = "de del della dela la las los da das do dos di du van der den ten ter von zu bin ibn bint al el";

const STOP_WORDS: &str = "january february march april may june july august september october november december \
 jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday \
 embassy embassies department post posts mission missions government governments congress ministry ministries office \
 offices bureau agency secstate washdc amembassy amconsul usmission usun usnato secdef cia dia nsc jcs joint \
 staff unclassified unclas confidential secret sensitive noforn nofornish sipdis limdis exdis nodis classified \
 declassified section summary comment comments end begin subject tags ref refs reftel reftels note action request \
 requested nnn nara gog goi usg gon gob goc gom gop gos got goh gor gou godj gon fsln usaid ngo ngos un eu nato \
 opec osce imf wto oas mfa mod moi cg grpo chod fco ps mp mps ec state washington charge chargé shah his her \
 majesty highness excellency god allah christ jesus mohammed? internet web website http https www gov org com \
 sgov intelink portal classified website visit attachment annex paragraph para tab figure table \
 trafficking smuggling immigration police army navy airforce military court tribunal council assembly parliament \
 senate party parties union university bank company corporation group committee commission administration \
 republic kingdom state states federation emirates islands island province city capital region district \
 north south east west central northern southern eastern western upper lower new old great greater saint st \
 democratic republican socialist communist liberal conservative national federal international world global \
 human rights ministry-level cabinet regime junta legislature people peoples public press media news agency \
 radio television tv daily times post herald tribune journal gazette review press-release communique \
 aide-memoire memorandum memo letter cable telegram telegrams message messages report reports reporting \
 reuters afp ap bbc cnn al-jazeera aljazeera xxxxxxxxxxxx ministerial monde movement motors upstairs \
 airlines airways electric dynamics industries holdings systems group inc ltd llc sa \
 exempt nnnn bt center centre institute foundation compact pact system staffs zoning caucus bundestag \
 bundesrat duma knesset senado cortes anti pro";

// Countries and nationalities: never names, but allowed in title complements ("Ambassador of Guatemala").
const GEO_WORDS: &str = "afghanistan afghan afghans albania albanian algeria algerian andorra angola angolan argentina \
 argentine argentinian armenia armenian australia australian austria austrian azerbaijan azerbaijani bahamas bahrain \
 bahraini bangladesh bangladeshi barbados belarus belarusian belgium belgian belize benin bhutan bolivia bolivian bosnia \
 bosnian botswana brazil brazilian britain british brunei bulgaria bulgarian burkina burma burmese burundi cambodia \
 cambodian cameroon canada canadian chad chile chilean china chinese colombia colombian comoros congo congolese \
 costa rica rican croatia croatian cuba cuban cyprus cypriot czech denmark danish djibouti djiboutian dominica dominican \
 ecuador ecuadorian egypt egyptian salvador salvadoran salvadorean eritrea eritrean estonia estonian ethiopia ethiopian \
 fiji finland finnish france french gabon gambia georgia georgian germany german ghana ghanaian greece greek grenada \
 guatemala guatemalan guinea guyana haiti haitian honduras honduran hungary hungarian iceland india indian indonesia \
 indonesian iran iranian iraq iraqi ireland irish israel israeli italy italian jamaica jamaican japan japanese jordan \
 jordanian kazakhstan kenya kenyan korea korean kosovo kuwait kuwaiti kyrgyzstan laos latvia latvian lebanon lebanese \
 lesotho liberia liberian libya libyan liechtenstein lithuania lithuanian luxembourg macedonia madagascar malawi \
 malaysia malaysian maldives mali malta mauritania mauritius mexico mexican moldova monaco mongolia montenegro morocco \
 moroccan mozambique myanmar namibia nepal netherlands dutch zealand nicaragua nicaraguan niger nigeria nigerian \
 norway norwegian oman omani pakistan pakistani palestine palestinian panama panamanian paraguay paraguayan peru \
 peruvian philippines filipino poland polish portugal portuguese qatar qatari romania romanian russia russian rwanda \
 rwandan saudi arabia arabian senegal senegalese serbia serbian seychelles sierra leone singapore slovakia slovak \
 slovenia slovenian somalia somali spain spanish sudan sudanese suriname swaziland sweden swedish switzerland swiss \
 syria syrian taiwan taiwanese tajikistan tanzania thailand thai togo tonga tunisia tunisian turkey \
 turkish turkmenistan uganda ugandan ukraine ukrainian uae uk usa us u.s. america american americans uruguay \
 uruguayan uzbekistan venezuela venezuelan vietnam vietnamese yemen yemeni zambia zimbabwe zimbabwean europe european \
 ibero-america ibero-american africa african asia asian latin arab arabs persian kurdish kurd kurds soviet ussr scottish scotland england english \
 wales welsh caribbean andean balkan gulf atlantic pacific managua guatemala tehran washington moscow paris london \
 berlin madrid kabul baghdad islamabad ankara bogota caracas havana tegucigalpa riga oslo nairobi harare dakar tripoli \
 rangoon jeddah riyadh asuncion lapaz la-paz mexico panama capetown cape town johannesburg pretoria brussels geneva \
 vienna rome beijing tokyo delhi karachi lahore kandahar herat basra mosul cairo beirut damascus amman jerusalem \
 ramallah gaza tel aviv minbu magway irawaddy narino";

const COMMON_WORDS: &str = "a about above across after afterwards again against all almost alone along already also \
 although always am among an and another any anyone anything anyway anywhere are around as ask asked asks asking at \
 away back be became because become becomes been before began begin being believe believed believes below beside \
 besides best better between beyond both brief briefed brought but by call called calls came can cannot could \
 date day days decided did do does doing done down due during each early either else elsewhere enough even ever \
 every everyone everything except expressed explained far few fifteen fifth first five for former four from \
 further gave get gets getting give given gives go goes going gone good got had has have having he hence her here \
 hers herself him himself his how however hundred i if in indeed instead into is it its itself just keep kept \
 know known last later latest least less let like likely made main make makes many may me meanwhile met might \
 more moreover most mostly much must my near nearly need needed neither never nevertheless next nine no nobody none \
 noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves \
 out over own part per perhaps please pointed put rather raised really recently regarding remained replied reported \
 reportedly responded said same say saying says second see seem seemed seems seen several shall she should show \
 showed side since six so some somehow someone something sometime sometimes somewhere still stressed such take \
 taken takes ten than that the their them themselves then there thereafter thereby therefore these they third this \
 those though three through throughout thus to today together told too took toward towards twelve twenty two under \
 until up upon us very via was we well went were what whatever when whenever where whereas whether which while who \
 whoever whole whom whose why will with within without would yet you your yours yesterday tomorrow tonight \
 according agreed added argued warned urged noted claimed commented confirmed denied insisted suggested described \
 announced appeared asserted called welcomed visited visit visits visiting meeting meetings meet meets discussed \
 discussion discussions told tells tell thanked thanks praised promised offered hoped wanted wants want \
 looks look forward says wants hopes believes feels thinks expects seeks notes adds agrees urges asks tells meets calls takes makes gives sees remains continues intends ran run runs create creates created played plays pass passes remarks terms records working lays \
 kicked ahead out way move moves hope fully deeply strongly clearly nevertheless furthermore additionally finally initially separately privately \
 publicly openly reliably frankly personally apparently evidently reportedly allegedly specifically particularly \
 especially generally usually also only even still however indeed already soon again instead as well \
 convoked recalled reviewed responded stressed requested noted informed asked made concerned concern issue issues \
 problem problems question questions point points matter matters case cases view views position positions plan plans \
 policy policies program programs project projects effort efforts process support supports supported \
 opposition relations relationship cooperation security assistance aid trip travel travels traveled travelled \
 returned return arrived arrival left departed departure remain remains stay stayed will shall would \
 new old good bad high low large small big long short major minor full real true false important key \
 recent current previous next last final other another same different various several certain \
 government officials official leaders leader people person persons members member staff team group groups \
 cable cables message telegram week weeks month months year years time times morning afternoon evening night \
 hours hour minutes today yesterday tomorrow dinner lunch breakfast reception ceremony conference session \
 gentleman madam mister excellency our we us ourselves country countries nation nations region area \
 areas zone territory border borders city cities town towns capital village villages province provinces \
 summary comment comments background introduction conclusion note notes action item items request requests \
 response responses reply letter letters information details detail text copy draft version \
 general particular special specific public private personal political economic social military \
 not no yes none nothing anything something everything all both neither either each every any \
 only unless until upon whereupon wherever whether while although because since though \
 here there where when why how what which who whom whose that this these those \
 begin end start stop continue continued continues continuing ended started stopped \
 is are was were be been being am has have had do does did done doing \
 accordingly subsequently consequently therefore thus hence otherwise meanwhile moreover \
 cannot can could may might must shall should will would ought \
 mr mrs ms dr madam";

/// FNV-1a: the lexicon is looked up once per word, and SipHash dominated the profile.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Lexicon = HashMap<&'static str, u16, BuildHasherDefault<Fnv>>;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut m = Lexicon::default();
    let lists: [(&'static str, u16); 13] = [
        ("charge chargé", CHARGE),
        ("d'affaires", DAFF),
        ("of for at to in on", PREP),
        (HEAD_WORDS, HEAD),
        (HON_WORDS, HON | HEAD),
        (MOD_WORDS, MOD),
        (COMP_WORDS, COMP),
        (CONN_WORDS, CONN),
        (ART_WORDS, ART),
        (PART_WORDS, PART),
        (STOP_WORDS, STOP),
        (GEO_WORDS, STOP | COMP | GEO),
        (COMMON_WORDS, COMMON),
    ];
    for (list, flag) in lists {
        for w in list.split_whitespace() {
            *m.entry(w).or_insert(0) |= flag;
        }
    }
    m
});

/// Flags of a word, looked up by its lower-case form without allocating for short ASCII words.
fn flags_of(word: &str) -> u16 {
    let mut buf = [0u8; 32];
    let bytes = word.as_bytes();
    // No lexicon entry is longer than 24 bytes.
    if bytes.len() > 24 {
        return 0;
    }
    if bytes.len() <= buf.len() && word.is_ascii() {
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        match std::str::from_utf8(&buf[..bytes.len()]) {
            Ok(k) => LEXICON.get(k).copied().unwrap_or(0),
            Err(_) => 0,
        }
    } else {
        let k = word.to_lowercase().replace('’', "'");
        LEXICON.get(k.as_str()).copied().unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Punct(char),
    /// Paragraph break, skipped routing line, or "¶": names never span it.
    Break,
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    text: &'a str,
    pos: usize,
    kind: Kind,
    /// True when the word sits in ALL CAPS text (caps document or a line without lower case).
    caps: bool,
    /// The word was written with a possessive "'s", which ends a name.
    poss: bool,
    /// Sits in a caps or headline line of a mixed-case cable: as a name word it needs support from the prose.
    confirm: bool,
    flags: u16,
}

impl Tok<'_> {
    fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    fn has(&self, f: u16) -> bool {
        self.kind == Kind::Word && self.flags & f != 0
    }
    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// A cable is treated as ALL CAPS when nearly none of its letters are lower case.
fn is_caps_document(text: &str) -> bool {
    let (mut lower, mut upper) = (0usize, 0usize);
    // The first line is the extraction header ("Reference ID ..."), never part of the cable.
    let body = text.split_once('\n').map_or(text, |(_, b)| b);
    for &b in body.as_bytes() {
        // ASCII letters decide; accented letters are too rare to change the verdict.
        if b.is_ascii_lowercase() {
            lower += 1;
        } else if b.is_ascii_uppercase() {
            upper += 1;
        }
    }
    upper > 0 && lower * 20 < upper
}

/// Routing and header lines carry addresses and codes, not people.
fn is_routing_line(line: &str, line_no: usize) -> bool {
    let t = line.trim_start();
    if line_no < 3 && line.contains('\t') {
        return true;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    if matches!(
        first,
        "FM" | "TO"
            | "INFO"
            | "DE"
            | "ZNR"
            | "ZNY"
            | "TAGS"
            | "TAGS:"
            | "REF:"
            | "REF"
            | "REFS:"
            | "EO"
            | "E.O."
            | "E.O"
            | "PP"
            | "RR"
            | "OO"
    ) || first.starts_with("VZCZC")
        || first.starts_with("E.O.")
    {
        return true;
    }
    // Routing indicators such as "RUEHC/SECSTATE WASHDC" or "RHEFDIA/DIA".
    if first.len() > 4
        && first.starts_with('R')
        && first.contains('/')
        && first[..1].chars().all(|c| c.is_ascii_uppercase())
    {
        return true;
    }
    // Transmission line "P 051717Z MAY 06".
    let mut it = t.split_whitespace();
    if let (Some(a), Some(b)) = (it.next(), it.next()) {
        if a.len() <= 2
            && a.chars().all(|c| c.is_ascii_uppercase())
            && b.len() == 7
            && b.ends_with('Z')
            && b[..6].bytes().all(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    t.contains("WASHDC") || t.contains("SECSTATE")
}

/// Whether `s` has at least `n` characters, without counting all of them.
fn nchars_ge(s: &str, n: usize) -> bool {
    if s.is_ascii() {
        s.len() >= n
    } else {
        n == 0 || s.chars().nth(n - 1).is_some()
    }
}

fn has_lower(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        s.chars().any(char::is_lowercase)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits text into words and punctuation, marking ALL CAPS context per line.
fn tokenize(text: &str, doc_caps: bool, main: bool) -> Vec<Tok<'_>> {
    let mut toks: Vec<Tok<'_>> = Vec::with_capacity(text.len() / 5 + 1);
    let short_line = if main { short_line_width(text) } else { 0 };
    let mut offset = 0usize;
    // Whether the previous line was blank or a rule of dashes: only such lines can open a heading.
    let mut after_gap = true;
    for (line_no, line) in text.split('\n').enumerate() {
        let base = offset;
        offset += line.len() + 1;
        let opens = after_gap;
        let trimmed = line.trim();
        after_gap = trimmed.is_empty()
            || trimmed
                .bytes()
                .all(|b| matches!(b, b'-' | b'=' | b'_' | b' ' | b'*'));
        if trimmed.is_empty() || (main && is_routing_line(line, line_no)) {
            push_break(&mut toks, base);
            continue;
        }
        let caps = doc_caps || !has_lower(line);
        let first_tok = toks.len();
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_word_char(c) {
                let start = i;
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if is_word_char(d) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else if matches!(d, '\'' | '’' | '-' | '/') {
                        // Keep joiners only when a word character follows (O'Brien, Jean-François, G/TIP).
                        let rest = &line[j + d.len_utf8()..];
                        if rest.chars().next().is_some_and(is_word_char) {
                            end = j + d.len_utf8();
                            chars.next();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                let mut word = &line[start..end];
                let mut poss = false;
                for suffix in ["'s", "’s", "'S", "’S"] {
                    if word.len() > suffix.len() + 1 {
                        if let Some(stem) = word.strip_suffix(suffix) {
                            word = stem;
                            poss = true;
                            break;
                        }
                    }
                }
                toks.push(Tok {
                    text: word,
                    pos: base + start,
                    kind: Kind::Word,
                    caps,
                    poss,
                    confirm: false,
                    flags: flags_of(word),
                });
            } else if c == '¶' {
                push_break(&mut toks, base + i);
            } else if !c.is_whitespace() {
                toks.push(Tok {
                    text: "",
                    pos: base + i,
                    kind: Kind::Punct(c),
                    caps,
                    poss: false,
                    confirm: false,
                    flags: 0,
                });
            }
        }
        if main {
            if !doc_caps
                && (caps
                    || is_subject_line(line)
                    || (opens && is_headline(&toks[first_tok..], line)))
            {
                for t in &mut toks[first_tok..] {
                    t.confirm = true;
                }
            }
            // Short lines are list entries or headings, not wrapped prose: names do not continue past them.
            if line.trim().len() < short_line {
                push_break(&mut toks, base + line.len());
            }
        }
    }
    toks
}

/// Lines shorter than this are list entries or headings: three quarters of the usual wrap width.
fn short_line_width(text: &str) -> usize {
    let mut lens: Vec<usize> = text
        .split('\n')
        // The TAB header row is not wrapped prose.
        .filter(|l| !l.contains('\t'))
        .map(|l| l.trim().len())
        .filter(|&n| n > 0)
        .collect();
    if lens.is_empty() {
        return 40;
    }
    let k = (lens.len() * 9 / 10).min(lens.len() - 1);
    let (_, p90, _) = lens.select_nth_unstable(k);
    match *p90 {
        50..=100 => *p90 * 3 / 4,
        // Unwrapped cables keep a paragraph on one line, so every line end is a hard break.
        101.. => usize::MAX,
        _ => 40,
    }
}

fn is_subject_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("SUBJECT") || t.starts_with("Subject") || t.starts_with("SUBJ:")
}

/// Title-case headings ("But Auto Leader Welcomes the Move") and SUBJECT lines capitalize verbs too.
fn is_headline(toks: &[Tok<'_>], line: &str) -> bool {
    let t = line.trim_start();
    // Numbered paragraphs ("¶1. (C) Summary: Director of ...") are prose, however capitalized.
    if t.starts_with('¶')
        || t.starts_with('(')
        || t.bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        return false;
    }
    // Prose lines fail at their first long lower-case word, so this stays cheap.
    let mut words = 0;
    let mut cap_common = false;
    for t in toks.iter().filter(|t| t.is_word() && !has_digit(t.text)) {
        words += 1;
        if nchars_ge(t.text, 4) && !starts_upper(t.text) {
            return false;
        }
        cap_common |= nchars_ge(t.text, 3)
            && starts_upper(t.text)
            && t.has(COMMON | CONN)
            && !t.has(HEAD | MOD | COMP);
    }
    words >= 4 && cap_common
}

/// Capitalized words of the mixed-case prose: evidence that a caps-line word is a name.
/// Built only when a caps-line name needs it, since most cables never ask.
struct Prose<'t, 'a> {
    toks: &'t [Tok<'a>],
    words: OnceCell<HashSet<String>>,
}

impl Prose<'_, '_> {
    fn confirms(&self, w: &str) -> bool {
        let set = self.words.get_or_init(|| {
            self.toks
                .iter()
                .filter(|t| {
                    t.is_word()
                        && !t.confirm
                        && !t.caps
                        && starts_upper(t.text)
                        && !all_upper(t.text)
                })
                .map(|t| t.text.to_lowercase())
                .collect()
        });
        set.contains(&w.to_lowercase())
    }
}

fn push_break(toks: &mut Vec<Tok<'_>>, pos: usize) {
    if toks.last().is_some_and(|t| t.kind == Kind::Break) {
        return;
    }
    toks.push(Tok {
        text: "",
        pos,
        kind: Kind::Break,
        caps: false,
        poss: false,
        confirm: false,
        flags: 0,
    });
}

// ---------------------------------------------------------------------------
// Name words

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn all_upper(w: &str) -> bool {
    w.chars().all(|c| !c.is_lowercase())
}

fn has_digit(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
}

/// "al-Assad", "el-Sisi", "bin-Laden": an Arabic article joined to a capitalized name.
fn is_article_prefixed(w: &str) -> bool {
    for p in ["al-", "el-", "Al-", "El-", "AL-", "EL-"] {
        if let Some(rest) = w.strip_prefix(p) {
            return starts_upper(rest) && nchars_ge(rest, 2);
        }
    }
    false
}

/// Short upper-case words that are abbreviations rather than names in ALL CAPS text.
fn looks_like_acronym(w: &str) -> bool {
    let n = w.chars().count();
    if w.contains('/') {
        return true;
    }
    let vowels = w
        .chars()
        .filter(|c| matches!(c.to_ascii_uppercase(), 'A' | 'E' | 'I' | 'O' | 'U' | 'Y'))
        .count();
    if vowels == 0 {
        return true;
    }
    // Government-of acronyms: GOG, GOI, GODJ...
    if n <= 4 && (w.starts_with("GO") || w.starts_with("go")) && n >= 3 {
        return true;
    }
    n <= 2
}

/// Verb and adverb forms that follow a title in ALL CAPS prose ("AMBASSADOR RAISED").
fn looks_like_caps_verb(w: &str) -> bool {
    let n = w.len();
    const LONG: [&str; 29] = [
        "TION", "SION", "MENT", "NESS", "ANCE", "ENCE", "ATES", "IZES", "ISES", "EDES", "ATED",
        "IZED", "ISED", "AYED", "CKED", "ILED", "RTED", "NTED", "SSED", "ITY", "CTED", "RMED",
        "LLED", "SHED", "IVED", "OVED", "URED", "ERED", "ORED",
    ];
    (n >= 6 && w.ends_with("ING"))
        || (n >= 5 && w.ends_with("LY"))
        || (n >= 6 && LONG.iter().any(|s| w.ends_with(s)))
}

/// "Negotiations", "Complaints"-like abstract nouns: suffixes that (almost) no personal name has.
fn looks_like_abstract_noun(w: &str) -> bool {
    if w.len() < 6 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 8];
    let tail = &w.as_bytes()[w.len().saturating_sub(buf.len())..];
    let n = tail.len();
    for (d, s) in buf.iter_mut().zip(tail) {
        *d = s.to_ascii_lowercase();
    }
    let tail = &buf[..n];
    const SUFFIXES: [&[u8]; 11] = [
        b"tion", b"tions", b"sion", b"ation", b"ments", b"ness", b"ship", b"ships", b"ities",
        b"ism", b"isms",
    ];
    SUFFIXES.iter().any(|s| tail.ends_with(s))
}

/// Can this token be a (non-particle, non-initial) name word?
fn is_name_word(t: &Tok<'_>, allow_caps_in_mixed: bool) -> bool {
    if !t.is_word() || has_digit(t.text) || t.text.contains('/') {
        return false;
    }
    if t.flags & (HEAD | MOD | COMP | STOP | CONN | PART | HON) != 0 {
        return false;
    }
    // Mixed-case prose writes verbs in lower case, so a capitalized common word inside a name is a name ("Hassan Said Khaireh").
    let capitalized_in_prose =
        allow_caps_in_mixed && !t.caps && starts_upper(t.text) && !all_upper(t.text);
    if t.flags & COMMON != 0 && !capitalized_in_prose {
        return false;
    }
    if !nchars_ge(t.text, 2) {
        return false;
    }
    if is_article_prefixed(t.text) {
        return true;
    }
    if looks_like_abstract_noun(t.text) {
        return false;
    }
    if t.caps {
        if !all_upper(t.text) {
            // A mixed-case word inside a caps line still reads as a name when capitalized.
            return starts_upper(t.text);
        }
        !looks_like_acronym(t.text) && !looks_like_caps_verb(t.text)
    } else {
        if !starts_upper(t.text) {
            return false;
        }
        if all_upper(t.text) {
            // Mixed-case prose: an upper-case word is an acronym unless it continues a name ("Juan PEREZ").
            return allow_caps_in_mixed && nchars_ge(t.text, 3) && !looks_like_acronym(t.text);
        }
        true
    }
}

fn is_initial(t: &Tok<'_>, next: Option<&Tok<'_>>) -> bool {
    if !t.is_word() {
        return false;
    }
    let mut cs = t.text.chars();
    let single = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
    if !single {
        return false;
    }
    let dotted = next.is_some_and(|n| n.is_punct('.'));
    // In caps prose a bare "A" is an article; require the period there.
    dotted || !t.caps
}

fn is_particle(t: &Tok<'_>) -> bool {
    t.has(PART)
        && (t.caps
            || !starts_upper(t.text)
            || matches!(
                t.text,
                "De" | "Del" | "Van" | "Von" | "Bin" | "Ibn" | "Abu" | "Al" | "El"
            ))
}

/// A name found at `start`: token indices of its words (initial dots skipped) and where it ends.
struct NameSpan {
    words: Vec<usize>,
    end: usize,
}

/// Reads a name forward from `start`: name words, initials, particles between words.
fn take_name(toks: &[Tok<'_>], start: usize) -> Option<NameSpan> {
    let mut words: Vec<usize> = Vec::new();
    let mut k = start;
    let mut real = 0usize;
    while k < toks.len() && words.len() < 7 {
        let t = &toks[k];
        let next = toks.get(k + 1);
        if is_name_word(t, real > 0) {
            words.push(k);
            real += 1;
            k += 1;
            if t.poss {
                break;
            }
        } else if is_initial(t, next) && real < 3 {
            // An initial must be followed by more name.
            let after = if next.is_some_and(|n| n.is_punct('.')) {
                k + 2
            } else {
                k + 1
            };
            match toks.get(after) {
                Some(n) if is_name_word(n, true) || is_initial(n, toks.get(after + 1)) => {
                    words.push(k);
                    k = after;
                }
                _ => break,
            }
        } else if real > 0 && matches!(t.kind, Kind::Punct('"' | '“' | '&')) {
            // Quoted nickname inside a name: Guillermo "Billy" Ford, Jose Manuel &Mel8 Zelaya.
            let close = (k + 2..(k + 5).min(toks.len()))
                .find(|&j| matches!(toks[j].kind, Kind::Punct(_)) || !toks[j].is_word());
            match close {
                Some(j)
                    if matches!(toks[j].kind, Kind::Punct('"' | '”'))
                        || (toks[j].kind == Kind::Punct('&')
                            || toks[j - 1].text.ends_with('8')) =>
                {
                    match toks.get(j + 1) {
                        Some(n) if is_name_word(n, true) => k = j + 1,
                        _ => break,
                    }
                }
                _ => break,
            }
        } else if is_particle(t) && (real > 0 || k == start && t.caps && all_upper(t.text)) {
            // Particles only inside a name: "Barrientos de Estrada", "van der Berg".
            let mut j = k;
            while j < toks.len() && is_particle(&toks[j]) && j - k < 3 {
                j += 1;
            }
            match toks.get(j) {
                Some(n) if is_name_word(n, true) => {
                    words.extend(k..j);
                    k = j;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    // Trailing initials never end a name.
    while words.last().is_some_and(|&w| !is_name_word(&toks[w], true)) {
        words.pop();
    }
    if real == 0 || words.is_empty() {
        return None;
    }
    let end = words.last().map_or(start, |&w| w + 1);
    Some(NameSpan { words, end })
}

// ---------------------------------------------------------------------------
// Candidates

#[derive(Debug, Clone)]
struct Cand {
    words: Vec<String>,
    keys: Vec<String>,
    /// Keys of the real name words (no initials or particles), computed once for merging.
    core: Vec<String>,
    title: Option<String>,
    pos: usize,
    from_caps: bool,
    signature: bool,
}

fn make_cand(toks: &[Tok<'_>], span: &NameSpan, title: Option<String>) -> Option<Cand> {
    let mut words = Vec::with_capacity(span.words.len());
    let mut from_caps = false;
    for (n, &i) in span.words.iter().enumerate() {
        let t = &toks[i];
        let caps_word = all_upper(t.text) && nchars_ge(t.text, 2);
        from_caps |= caps_word;
        let mut w = if caps_word {
            title_case_word(t.text, n == 0)
        } else {
            t.text.to_string()
        };
        // Initials keep the period they were written with ("Philip S. Goldberg").
        if !nchars_ge(t.text, 2) && toks.get(i + 1).is_some_and(|p| p.is_punct('.')) {
            w.push('.');
        }
        words.push(w);
    }
    cand_from_words(
        words,
        title,
        toks.get(span.words[0]).map_or(0, |t| t.pos),
        from_caps,
    )
}

fn cand_from_words(
    words: Vec<String>,
    title: Option<String>,
    pos: usize,
    from_caps: bool,
) -> Option<Cand> {
    let keys: Vec<String> = words
        .iter()
        .map(|w| fold_name(w))
        .filter(|k| !k.is_empty())
        .collect();
    if keys.is_empty() {
        return None;
    }
    let core = core_keys(&keys);
    Some(Cand {
        words,
        keys,
        core,
        title,
        pos,
        from_caps,
        signature: false,
    })
}

/// Name particles: written in lower case inside a name, and never enough to identify a person.
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "la", "las", "los", "da", "das", "do", "dos", "di", "du", "van", "der",
    "den", "ten", "ter", "von", "zu", "bin", "ibn", "bint", "al", "el",
];

/// Title case for an ALL CAPS name word: "MCCLINTOCK" -> "McClintock", "O'BRIEN" -> "O'Brien", "DE" -> "de".
fn title_case_word(w: &str, first: bool) -> String {
    let lower = w.to_lowercase();
    if !first && NAME_PARTICLES.contains(&lower.as_str()) {
        return lower;
    }
    let mut out = String::with_capacity(w.len());
    let mut up_next = true;
    for c in lower.chars() {
        if up_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up_next = false;
        } else {
            out.push(c);
        }
        if c == '-' || c == '\'' || c == '’' {
            up_next = true;
        }
    }
    // Arabic article stays lower case inside a name: "Bashar al-Assad".
    if !first {
        for (p, r) in [("Al-", "al-"), ("El-", "el-")] {
            if let Some(rest) = out.strip_prefix(p) {
                out = format!("{r}{rest}");
                break;
            }
        }
    }
    // Gaelic "Mc" prefix: McClintock.
    if out.len() > 3 && out.starts_with("Mc") {
        let (head, tail) = out.split_at(2);
        let mut cs = tail.chars();
        if let Some(c) = cs.next() {
            out = format!("{head}{}{}", c.to_uppercase(), cs.as_str());
        }
    }
    out
}

/// Joins title tokens into display text, title-casing ALL CAPS words.
fn title_text(toks: &[Tok<'_>]) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for t in toks {
        match t.kind {
            Kind::Word => {
                let w = if t.caps && all_upper(t.text) && t.has(CONN) {
                    t.text.to_lowercase()
                } else if t.caps
                    && all_upper(t.text)
                    && nchars_ge(t.text, 4)
                    && !t.text.contains('/')
                {
                    if t.text.len() <= 4 && !t.has(HEAD | MOD | COMP) {
                        t.text.to_string()
                    } else {
                        title_case_word(t.text, true)
                    }
                } else {
                    t.text.to_string()
                };
                parts.push(w);
            }
            Kind::Punct('.') => {
                if let Some(last) = parts.last_mut() {
                    last.push('.');
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" "))
    }
}

// ---------------------------------------------------------------------------
// Rule: titles before and after names

fn is_charge_head(toks: &[Tok<'_>], i: usize) -> bool {
    // "Charge" alone means the chargé without a name; only "Charge d'Affaires" is a title.
    toks[i].has(CHARGE) && toks.get(i + 1).is_some_and(|n| n.has(DAFF))
}

fn is_head_at(toks: &[Tok<'_>], i: usize) -> bool {
    let t = &toks[i];
    if !t.has(HEAD) {
        return false;
    }
    if t.has(CHARGE) {
        return is_charge_head(toks, i);
    }
    true
}

/// Consumes a title chain starting at a head: more heads/modifiers, then "of/for + complement".
/// Returns the index after the chain.
fn title_chain_end(toks: &[Tok<'_>], i: usize) -> usize {
    let mut k = i;
    while k < toks.len() {
        let t = &toks[k];
        if t.is_word() && (is_head_at(toks, k) || t.has(MOD | DAFF)) {
            k += 1;
            if t.has(HON) && toks.get(k).is_some_and(|n| n.is_punct('.')) {
                k += 1;
            }
            // "the Minister's deadline", "the President's sherpa": what follows is owned, not named.
            if t.poss {
                break;
            }
        } else if t.has(PREP) && k > i {
            let mut j = k + 1;
            let mut got = 0;
            while j < toks.len() {
                let c = &toks[j];
                let acronym_comp = c.is_word()
                    && !c.caps
                    && all_upper(c.text)
                    && c.text.len() >= 2
                    && !has_digit(c.text);
                if c.has(COMP) || acronym_comp || c.text.contains('/') && c.is_word() {
                    got += 1;
                    j += 1;
                } else if c.has(CONN) && j + 1 < toks.len() {
                    j += 1;
                } else {
                    break;
                }
            }
            // Do not swallow trailing connectors ("Minister of the" + name is not a complement).
            while j > k + 1 && toks[j - 1].has(CONN) && !toks[j - 1].has(COMP) {
                j -= 1;
            }
            if got == 0 {
                break;
            }
            k = j;
        } else {
            break;
        }
    }
    k
}

/// Start of the modifiers in front of a head ("Vice Minister", "G/TIP program officer").
fn title_start(toks: &[Tok<'_>], i: usize) -> usize {
    let mut s = i;
    while s > 0 && i - s < 4 {
        let p = &toks[s - 1];
        let acronym =
            p.is_word() && !p.caps && all_upper(p.text) && p.text.len() >= 2 && !has_digit(p.text);
        if p.is_word()
            && (p.has(MOD) || p.has(HEAD) && !p.has(HON) || p.text.contains('/') || acronym)
            && !p.has(COMMON | CONN | ART)
        {
            s -= 1;
        } else {
            break;
        }
    }
    s
}

/// Drops trailing name words from caps/headline lines that the prose never capitalizes ("SARKOZY ARTICULATES").
fn confirm_span(toks: &[Tok<'_>], mut span: NameSpan, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    let ok = |t: &Tok<'_>| !t.confirm || !is_name_word(t, true) || prose.confirms(t.text);
    let keep = span.words.iter().take_while(|&&w| ok(&toks[w])).count();
    span.words.truncate(keep);
    while span
        .words
        .last()
        .is_some_and(|&w| !is_name_word(&toks[w], true))
    {
        span.words.pop();
    }
    span.end = span.words.last().map(|&w| w + 1)?;
    Some(span)
}

fn scan_titles(toks: &[Tok<'_>], prose: &Prose<'_, '_>, cands: &mut Vec<Cand>) {
    let mut i = 0;
    // Start of a title whose capitalized modifiers were read as a name ("Chief Privacy Officer").
    let mut carried_start: Option<usize> = None;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_word() && is_head_at(toks, i) {
            let end = title_chain_end(toks, i);
            if toks[end - 1].poss {
                carried_start = None;
                i = end;
                continue;
            }
            let span = take_name(toks, end)
                .or_else(|| appositive_name(toks, i, end))
                .or_else(|| name_before_as(toks, title_start(toks, i), prose));
            let single = span.as_ref().is_some_and(|s| s.words.len() == 1);
            // After a complement ending in a nationality or possessive, a lone capitalized word is an organization
            // ("general secretary for the European Movement"), not a person.
            let after_geo = end > i + 1
                && (toks[end - 1].has(GEO)
                    || toks[end - 1].poss
                    || ["north", "south", "east", "west", "middle"]
                        .iter()
                        .any(|w| toks[end - 1].text.eq_ignore_ascii_case(w))
                    || toks[end - 1].text.eq_ignore_ascii_case("party"));
            let span = if single && after_geo {
                None
            } else {
                span.and_then(|s| confirm_span(toks, s, prose))
            };
            // "Chief Privacy Officer Callahan", "Deputy Diplomatic Advisor Bruno Joubert": a capitalized word
            // followed by another title word belongs to the title.
            if let Some(sp) = &span {
                if sp.end > end
                    && toks
                        .get(sp.end)
                        .is_some_and(|n| is_head_at(toks, sp.end) && !n.has(HON))
                {
                    carried_start = Some(carried_start.unwrap_or_else(|| title_start(toks, i)));
                    i = sp.end;
                    continue;
                }
            }
            if let Some(span) = span {
                let ts = carried_start.take().unwrap_or_else(|| title_start(toks, i));
                let title = if toks[i].has(HON) && end <= i + 2 {
                    None
                } else {
                    title_text(&toks[ts..end])
                };
                if let Some(c) = make_cand(toks, &span, title) {
                    cands.push(c);
                }
                i = span.end.max(end).max(i + 1);
                continue;
            }
            carried_start = None;
            i = end.max(i + 1);
            continue;
        }
        if t.is_punct(',') {
            title_after(toks, i, prose, cands);
        }
        i += 1;
    }
}

fn is_determiner(t: &Tok<'_>) -> bool {
    t.is_word()
        && [
            "the", "a", "an", "this", "these", "those", "its", "their", "our",
        ]
        .iter()
        .any(|d| t.text.eq_ignore_ascii_case(d))
}

/// "her chief of staff, Joaquín Martínez-Sicluna.": a full name set off by commas right after a title.
fn appositive_name(toks: &[Tok<'_>], head: usize, end: usize) -> Option<NameSpan> {
    if !toks.get(end)?.is_punct(',') || toks[head].has(HON) {
        return None;
    }
    let span = take_name(toks, end + 1)?;
    let real = span
        .words
        .iter()
        .filter(|&&w| is_name_word(&toks[w], true))
        .count();
    let closed = toks
        .get(span.end)
        .is_none_or(|t| matches!(t.kind, Kind::Punct('.' | ',' | ';' | ')') | Kind::Break));
    (real >= 2 && closed).then_some(span)
}

/// "Mario Rene Cifuentes, human rights advisor at the foreign ministry" and "X Y, the Director of Immigration".
fn title_after(toks: &[Tok<'_>], comma: usize, prose: &Prose<'_, '_>, cands: &mut Vec<Cand>) {
    // Find a head within a few words after the comma.
    let mut k = comma + 1;
    while k < toks.len() && toks[k].has(ART) {
        k += 1;
    }
    let tstart = k;
    let mut head = None;
    while k < toks.len() && k - tstart < 7 {
        let t = &toks[k];
        if !t.is_word() {
            break;
        }
        if is_head_at(toks, k) && !t.has(HON) && !t.poss {
            head = Some(k);
            break;
        }
        if t.poss && (t.has(HEAD | MOD | COMP)) {
            // "X, the President's diplomatic adviser": the owner is part of the title.
            k += 1;
            continue;
        }
        let acronym = !t.caps && all_upper(t.text) && t.text.len() >= 2;
        if t.has(COMMON) && !t.has(MOD | COMP)
            || !(t.has(MOD | COMP | CONN)
                || acronym
                || t.text.contains('/')
                || t.text.contains('-'))
        {
            break;
        }
        k += 1;
    }
    let Some(h) = head else { return };
    let tend = title_chain_end(toks, h);
    let Some(span) = name_ending_at(toks, comma, prose) else {
        return;
    };
    if let Some(c) = make_cand(toks, &span, title_text(&toks[tstart..tend])) {
        cands.push(c);
    }
}

/// A full name (two or more name words) that ends exactly at token `e`, read backwards.
fn name_ending_at(toks: &[Tok<'_>], e: usize, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    let mut s = e;
    while s > 0 && e - s < 7 {
        let p = &toks[s - 1];
        let ok = is_name_word(p, true) && !p.poss
            || is_particle(p)
            || p.is_punct('.')
            || is_initial(p, toks.get(s));
        if !ok {
            break;
        }
        s -= 1;
    }
    // The run must start with a name word, and read forward to exactly `e`.
    while s < e && !is_name_word(&toks[s], false) {
        s += 1;
    }
    if s >= e {
        return None;
    }
    // "before the Arch Summit, the President's sherpa": a name is not preceded by an article.
    if s > 0 && is_determiner(&toks[s - 1]) {
        return None;
    }
    let span = take_name(toks, s)?;
    if span.end != e
        || span
            .words
            .iter()
            .any(|&w| toks[w].confirm && !prose.confirms(toks[w].text))
    {
        return None;
    }
    let real = span
        .words
        .iter()
        .filter(|&&w| is_name_word(&toks[w], true))
        .count();
    (real >= 2).then_some(span)
}

/// "Oscar Contreras Hernandez has been replaced as Director of Immigration": a full name, a few
/// lower-case words, then "as" and the title.
fn name_before_as(toks: &[Tok<'_>], title_start: usize, prose: &Prose<'_, '_>) -> Option<NameSpan> {
    let mut k = title_start;
    while k > 0 && toks[k - 1].has(ART) {
        k -= 1;
    }
    if k == 0 || !toks[k - 1].is_word() || toks[k - 1].text != "as" {
        return None;
    }
    let mut e = k - 1;
    let mut verbs = 0;
    while e > 0 && verbs < 4 {
        let p = &toks[e - 1];
        if p.is_word()
            && !p.caps
            && p.text.chars().all(|c| c.is_lowercase())
            && nchars_ge(p.text, 2)
        {
            e -= 1;
            verbs += 1;
        } else {
            break;
        }
    }
    if verbs == 0 {
        return None;
    }
    name_ending_at(toks, e, prose)
}

/// Names introduced by a cue other than a title: "an Egyptian national named Abdullah al-Rashid", and
/// given name plus Arabic article name ("Abdullah al-Rashid", "Nuri al-Maliki") in mixed-case prose.
fn scan_cues(toks: &[Tok<'_>], prose: &Prose<'_, '_>, cands: &mut Vec<Cand>) {
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !t.is_word() {
            i += 1;
            continue;
        }
        let start = if t.text == "named" && !t.caps {
            Some(i + 1)
        } else if !t.caps
            && !t.confirm
            && is_name_word(t, false)
            && !all_upper(t.text)
            && toks
                .get(i + 1)
                .is_some_and(|n| is_article_prefixed(n.text) && !n.caps)
            && (i == 0 || !(is_name_word(&toks[i - 1], true) || is_particle(&toks[i - 1])))
            && !is_arabic_place_word(t.text)
        {
            Some(i)
        } else {
            None
        };
        let Some(st) = start else {
            i += 1;
            continue;
        };
        let span = take_name(toks, st).and_then(|s| confirm_span(toks, s, prose));
        let Some(span) = span else {
            i += 1;
            continue;
        };
        let real = span
            .words
            .iter()
            .filter(|&&w| is_name_word(&toks[w], true))
            .count();
        let last = span.words.last().map_or("", |&w| toks[w].text);
        if real >= 2 && !is_arabic_org_word(last) {
            if let Some(c) = make_cand(toks, &span, None) {
                cands.push(c);
            }
        }
        i = span.end.max(i + 1);
    }
}

/// First words of Arabic place and organization names ("Ras al-Khaimah", "Sharm el-Sheikh", "Jaish al-Mahdi").
fn is_arabic_place_word(w: &str) -> bool {
    const WORDS: [&str; 44] = [
        "ras", "sharm", "umm", "bab", "jabal", "jebel", "wadi", "ain", "ayn", "tal", "tell",
        "bayt", "beit", "dar", "hay", "hayy", "majlis", "jaish", "jaysh", "ansar", "hizb",
        "harakat", "jund", "kataib", "kata'ib", "saraya", "ahl", "bani", "beni", "masjid", "jamia",
        "jamiat", "madinat", "qasr", "deir", "jisr", "bir", "burj", "souq", "suq", "mina",
        "tanzim", "jamaat", "shatt",
    ];
    let l = w.to_ascii_lowercase();
    WORDS.contains(&l.as_str())
}

/// Last words that make an "X al-Y" phrase an organization, newspaper or place.
fn is_arabic_org_word(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    let core = l
        .strip_prefix("al-")
        .or_else(|| l.strip_prefix("el-"))
        .unwrap_or(&l);
    matches!(
        core,
        "qaida"
            | "qaeda"
            | "qa'ida"
            | "shabaab"
            | "shabab"
            | "jazeera"
            | "jazira"
            | "arabiya"
            | "arabiyya"
            | "aqsa"
            | "hayat"
            | "ahram"
            | "awsat"
            | "watan"
            | "quds"
            | "anbar"
            | "haq"
            | "islam"
            | "islamiya"
            | "mahdi"
            | "shura"
            | "sharia"
            | "khaimah"
            | "sheikh"
            | "jihad"
            | "qiyada"
            | "ahrar"
            | "nusra"
            | "umma"
            | "ummah"
            | "dawa"
            | "dawla"
            | "sharq"
            | "riyadh"
            | "bayan"
            | "khaleej"
            | "khalij"
            | "rai"
            | "thawra"
            | "jumhuriya"
            | "akhbar"
            | "masry"
            | "shorouk"
            | "youm"
            | "dustour"
            | "dostor"
            | "wafd"
            | "hurra"
            | "manar"
            | "nour"
            | "nur"
            | "mustaqbal"
            | "wifaq"
            | "wefaq"
            | "menbar"
            | "asala"
            | "arab"
    )
}

// ---------------------------------------------------------------------------
// Rule: Classified By lines

// ASCII word boundaries keep the regexes on the fast DFA even when the cable has "¶" or accents.
static CLASSIFIED_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u:\bclassified\s+by\b)\s*:?").expect("constant regex"));
static CLASSIFIED_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u:\bfor\s+reasons?\b|\breasons?\b|\b1\.[4-6]\b|;|\be\.\s?o\.|\bdecl\b)")
        .expect("constant regex")
});

// Old cables name the classifying officer on the E.O. line: "E.O. 12065: GDS 7/17/85 (STEMPEL, JOHN D.) OR-P".
static EO_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*E\.\s?O\.?\s*[0-9]{4,5}[^\n(]{0,60}\(([A-Za-z][A-Za-z'\-]{1,24}),[ \t]*([A-Za-z][A-Za-z'\-]{1,24})(?:[ \t]+([A-Za-z])\.?)?[ \t]*\)")
        .expect("constant regex")
});

fn scan_eo_line(text: &str, cands: &mut Vec<Cand>) {
    if !text.contains("E.O") && !text.contains("E. O") {
        return;
    }
    for c in EO_NAME.captures_iter(text) {
        let (Some(sur), Some(given)) = (c.get(1), c.get(2)) else {
            continue;
        };
        if flags_of(sur.as_str()) & (STOP | COMMON | HEAD | MOD | COMP) != 0
            || flags_of(given.as_str()) & (STOP | COMMON | HEAD | MOD | COMP) != 0
        {
            continue;
        }
        let fix = |w: &str| {
            if all_upper(w) {
                title_case_word(w, true)
            } else {
                w.to_string()
            }
        };
        let mut words = vec![fix(given.as_str())];
        if let Some(ini) = c.get(3) {
            words.push(format!("{}.", ini.as_str().to_uppercase()));
        }
        words.push(fix(sur.as_str()));
        if let Some(cand) = cand_from_words(words, None, sur.start(), all_upper(sur.as_str())) {
            cands.push(cand);
        }
    }
}

fn scan_classified_by(text: &str, cands: &mut Vec<Cand>) {
    for m in CLASSIFIED_BY.find_iter(text) {
        let rest = &text[m.end()..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let mut snippet_end = line_end;
        // Wrapped lines: "KATHELEEN\nMORENSKI FOR REASONS".
        if !CLASSIFIED_STOP.is_match(&rest[..line_end]) && line_end < rest.len() {
            let next = &rest[line_end + 1..];
            let next_end = next.find('\n').unwrap_or(next.len());
            snippet_end = line_end + 1 + next_end;
        }
        // Bound the snippet (a huge line must not be re-tokenized whole) on a character boundary.
        let mut cut = snippet_end.min(400).min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut snippet = &rest[..cut];
        if let Some(s) = CLASSIFIED_STOP.find(snippet) {
            snippet = &snippet[..s.start()];
        }
        let caps = !snippet.chars().any(|c| c.is_lowercase());
        let toks = tokenize(snippet, caps, false);
        if let Some(c) = classified_name(&toks, m.end()) {
            cands.push(c);
        }
    }
}

/// Title-like words in a Classified By line: heads, modifiers, office codes ("A/DCM", "ECONMIN", "MC").
fn is_classified_title_word(t: &Tok<'_>) -> bool {
    if !t.is_word() {
        return false;
    }
    if t.has(HEAD | MOD | HON | CONN | COMP | DAFF)
        || ["classified", "by", "mc", "ai", "i"]
            .iter()
            .any(|w| t.text.eq_ignore_ascii_case(w))
    {
        return true;
    }
    t.text.contains('/') || (!t.caps && all_upper(t.text) && nchars_ge(t.text, 2))
}

fn classified_name(toks: &[Tok<'_>], pos_base: usize) -> Option<Cand> {
    let mut segments: Vec<&[Tok<'_>]> = Vec::new();
    let mut seg_start = 0;
    for (i, t) in toks.iter().enumerate() {
        let period_ends = t.is_punct('.') && i > 0 && {
            let p = &toks[i - 1];
            !(p.is_word() && (!nchars_ge(p.text, 2) || p.has(HON)))
        };
        if t.is_punct(',') || t.kind == Kind::Break || period_ends {
            segments.push(&toks[seg_start..i]);
            seg_start = i + 1;
            if period_ends {
                break;
            }
        }
    }
    if seg_start <= toks.len() {
        segments.push(&toks[seg_start.min(toks.len())..]);
    }
    for (n, seg) in segments.iter().enumerate() {
        let mut k = 0;
        while k < seg.len() && (is_classified_title_word(&seg[k]) || seg[k].is_punct('.')) {
            k += 1;
        }
        if k >= seg.len() {
            continue;
        }
        let span = take_name(seg, k)?;
        // Whatever follows the name must be more title words ("ERIC WONG" then ", CHARGE D'AFFAIRES").
        if seg[span.end..]
            .iter()
            .any(|t| t.is_word() && !is_classified_title_word(t))
        {
            return None;
        }
        let mut title = title_text(&seg[..k]);
        if title.is_none() {
            title = segments.get(n + 1).and_then(|s| {
                if !s.is_empty()
                    && s.iter()
                        .all(|t| !t.is_word() || is_classified_title_word(t))
                {
                    title_text(s)
                } else {
                    None
                }
            });
        }
        let mut c = make_cand(seg, &span, title)?;
        // Login-style names: "Classified By: RBlau, CDA" is R. Blau.
        if c.words.len() == 1 {
            let w = c.words[0].clone();
            let b = w.as_bytes();
            if b.len() >= 5
                && b[0].is_ascii_uppercase()
                && b[1].is_ascii_uppercase()
                && b[2..].iter().all(|x| x.is_ascii_lowercase())
            {
                c = cand_from_words(
                    vec![format!("{}.", &w[..1]), w[1..].to_string()],
                    c.title,
                    c.pos,
                    false,
                )?;
            }
        }
        c.pos += pos_base;
        return Some(c);
    }
    None
}

// ---------------------------------------------------------------------------
// Rule: signature

/// Trailer lines that may follow the signature: classification repeated, "NNNN", "BT", "GP-3", page junk.
fn is_trailer_line(line: &str) -> bool {
    if !line.chars().any(char::is_alphabetic) || line.contains('@') || line.contains("://") {
        return true;
    }
    let l = line.trim().trim_end_matches('.').to_ascii_lowercase();
    l.starts_with("gp-")
        || l.starts_with("gds")
        || l.starts_with("visit ")
        || l.starts_with("declassified")
        || matches!(
            l.as_str(),
            "nnnn"
                | "nnn"
                | "bt"
                | "exempt"
                | "confidential"
                | "secret"
                | "unclassified"
                | "unclas"
                | "sensitive"
                | "noforn"
                | "sipdis"
                | "limited official use"
                | "end of text"
                | "end text"
                | "secret noforn"
                | "confidential noforn"
        )
}

/// A single surname as a signature: "HAMILTON", "Derham", "MCFARLAND".
fn signature_word(w: &str) -> bool {
    let n = w.chars().count();
    (3..=20).contains(&n)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && starts_upper(w)
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && flags_of(w) & (STOP | COMMON | HEAD | MOD | COMP | CONN | PART | GEO) == 0
        && !looks_like_abstract_noun(w)
        && (all_upper(w) || w.chars().skip(1).all(|c| !c.is_uppercase() || c == 'C'))
}

/// The chief of mission's (or the Secretary's) surname that signs the cable: the last line that is not
/// trailer junk, alone ("HAMILTON") or after the last sentence ("... END COMMENT. WONG").
fn scan_signature(text: &str, cands: &mut Vec<Cand>) {
    let tail_start = text.len().saturating_sub(3000);
    let mut start = tail_start;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let tail = &text[start..];
    let mut offset = tail.len();
    let doc_lower = has_lower(tail);
    for (seen, line) in tail.rsplit('\n').enumerate() {
        offset = offset.saturating_sub(line.len() + 1);
        let w = line.trim();
        if w.is_empty() || is_trailer_line(w) {
            if seen > 8 {
                return;
            }
            continue;
        }
        let (word, word_pos) = if signature_word(w) {
            (w, start + offset + (line.len() - line.trim_start().len()))
        } else {
            // "... END COMMENT. WONG" or "... the economy. Ford": the signature run on to the last paragraph.
            let mut it = w.rsplitn(2, char::is_whitespace);
            let (Some(last), Some(before)) = (it.next(), it.next()) else {
                return;
            };
            let before = before.trim_end();
            let sentence_end =
                before.ends_with('.') || before.ends_with('"') || before.ends_with('”');
            let caps_ok = all_upper(last) && (doc_lower || before.len() > 3);
            let mixed_ok = doc_lower && !all_upper(last);
            if !(sentence_end && signature_word(last) && (caps_ok || mixed_ok)) {
                return;
            }
            (last, start + offset + line.rfind(last).unwrap_or(0))
        };
        let from_caps = all_upper(word);
        let display = if from_caps {
            title_case_word(word, true)
        } else {
            word.to_string()
        };
        if let Some(mut c) =
            cand_from_words(vec![display], None, word_pos.min(text.len()), from_caps)
        {
            c.signature = true;
            cands.push(c);
        }
        return;
    }
}

// ---------------------------------------------------------------------------
// Normalization within a cable

/// Keys of the real name words (initials and particles do not identify a person).
fn core_keys(keys: &[String]) -> Vec<String> {
    keys.iter()
        .filter(|k| k.chars().count() > 1 && !NAME_PARTICLES.contains(&k.as_str()))
        // "al-Maliki" and "Maliki" are one person.
        .map(|k| {
            k.strip_prefix("al-")
                .or_else(|| k.strip_prefix("el-"))
                .unwrap_or(k)
                .to_string()
        })
        .collect()
}

/// Does `short` name the same person as the fuller `long`?
fn joins(short: &Cand, long: &Cand) -> bool {
    let (s, l) = (&short.core, &long.core);
    if s.is_empty() || s.len() > l.len() {
        return false;
    }
    if s.len() == 1 && l.len() > 1 {
        // A bare surname (or the given name alone, "Prince Khalid") names the fuller person in the same cable.
        return l.contains(&s[0]);
    }
    // Ordered subsequence: "Philip Goldberg" -> "Philip S. Goldberg".
    let mut it = l.iter();
    s.iter().all(|w| it.any(|x| x == w))
}

struct Group {
    rep: Cand,
    pos: usize,
    title: Option<(usize, String)>,
    only_signature: bool,
}

fn better_display(a: &Cand, b: &Cand) -> bool {
    // More words first, then text as written over converted ALL CAPS, then more characters.
    let (la, lb) = (a.core.len(), b.core.len());
    if la != lb {
        return la > lb;
    }
    if a.keys.len() != b.keys.len() {
        return a.keys.len() > b.keys.len();
    }
    if a.from_caps != b.from_caps {
        return !a.from_caps;
    }
    let non_ascii = |c: &Cand| {
        c.words
            .iter()
            .map(|w| w.chars().filter(|ch| !ch.is_ascii()).count())
            .sum::<usize>()
    };
    non_ascii(a) > non_ascii(b)
}

fn merge(mut cands: Vec<Cand>) -> Vec<Official> {
    // Longest names first so shorter mentions find their full form.
    cands.sort_by(|a, b| {
        b.core
            .len()
            .cmp(&a.core.len())
            .then(b.keys.len().cmp(&a.keys.len()))
            .then(a.pos.cmp(&b.pos))
    });
    let mut groups: Vec<Group> = Vec::new();
    for c in cands {
        let mut target: Option<usize> = None;
        for (gi, g) in groups.iter().enumerate() {
            if joins(&c, &g.rep) && target.is_none_or(|t: usize| groups[t].pos > g.pos) {
                target = Some(gi);
            }
        }
        match target {
            Some(gi) => {
                let g = &mut groups[gi];
                g.pos = g.pos.min(c.pos);
                g.only_signature &= c.signature;
                if let Some(t) = &c.title {
                    if g.title.as_ref().is_none_or(|(p, _)| *p > c.pos) {
                        g.title = Some((c.pos, t.clone()));
                    }
                }
                if better_display(&c, &g.rep) {
                    g.rep = c;
                }
            }
            None => {
                let title = c.title.clone().map(|t| (c.pos, t));
                groups.push(Group {
                    pos: c.pos,
                    title,
                    only_signature: c.signature,
                    rep: c,
                });
            }
        }
    }
    groups.sort_by_key(|g| g.pos);
    groups
        .into_iter()
        .map(|g| Official {
            name: g.rep.words.join(" "),
            title: g.title.map(|(_, t)| t),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        extract_officials(text)
            .into_iter()
            .map(|o| o.name)
            .collect()
    }

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(fold_name("Mario René Cifuentes"), "mario rene cifuentes");
        assert_eq!(
            fold_name("  Jean-François  O’Brien "),
            "jean-francois o'brien"
        );
        assert_eq!(fold_name("Philip S. Goldberg"), "philip s goldberg");
        assert_eq!(fold_name(""), "");
    }

    #[test]
    fn title_cases_all_caps() {
        assert_eq!(title_case_word("MCCLINTOCK", true), "McClintock");
        assert_eq!(title_case_word("O'BRIEN", true), "O'Brien");
        assert_eq!(title_case_word("DE", false), "de");
        assert_eq!(title_case_word("AL-ASSAD", false), "al-Assad");
        assert_eq!(
            names("AMBASSADOR MCCLINTOCK CALLED ON FOREIGN MINISTER ZAHEDI."),
            vec!["McClintock", "Zahedi"]
        );
        assert_eq!(names("GENERAL AZIMI, MINISTER OF WAR, SAID"), vec!["Azimi"]);
    }

    #[test]
    fn particles_stay_lower_case() {
        assert_eq!(
            names("SECRETARY OF SOCIAL WELFARE MARILYS BARRIENTOS DE ESTRADA SAID"),
            vec!["Marilys Barrientos de Estrada"]
        );
        assert_eq!(
            names("He met Minister Hans van der Berg and President Bashar al-Assad."),
            vec!["Hans van der Berg", "Bashar al-Assad"]
        );
    }

    #[test]
    fn titles_before_and_after() {
        let n = names("Director of Immigration Oscar Contreras Hernandez met Mario Rene Cifuentes, human rights advisor at the foreign ministry.");
        assert_eq!(n, vec!["Oscar Contreras Hernandez", "Mario Rene Cifuentes"]);
        let o = extract_officials(
            "We saw Oscar Contreras Hernandez, the Director of Immigration, today.",
        );
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].title.as_deref(), Some("Director of Immigration"));
    }

    #[test]
    fn exclusions() {
        assert!(names("The Minister said the Embassy Officer and Post met the Ministry of Foreign Affairs in March.").is_empty());
        assert!(names("FM AMEMBASSY MANAGUA\nTO RUEHC/SECSTATE WASHDC 1234\nTAGS: PGOV PREL NU\nThe GOG and FSLN told USAID on Monday.").is_empty());
        assert!(names(
            "CHARGE WAS CONVOKED BY MINISTER OF WAR ON TUESDAY. CHARGE SAID GUATEMALA AGREED."
        )
        .is_empty());
        assert!(names(
            "President of Guatemala and Ambassador to Nicaragua met the Secretary of State."
        )
        .is_empty());
    }

    #[test]
    fn surname_joins_full_name() {
        let n = names("Director of Immigration Oscar Contreras Hernandez spoke. Later Mr. Contreras added that Contreras would act.");
        assert_eq!(n, vec!["Oscar Contreras Hernandez"]);
    }

    #[test]
    fn classified_by_forms() {
        assert_eq!(
            names("Classified By: PolCouns David Lindwall for reasons 1.4 (b) and (d)"),
            vec!["David Lindwall"]
        );
        assert_eq!(
            names("CLASSIFIED BY: AMBASSADOR JAMES DERHAM. REASONS: 1.4 (B) AND (D)."),
            vec!["James Derham"]
        );
        assert_eq!(
            names("Classified By: ERIC WONG, CHARGE D’AFFAIRES, A.I."),
            vec!["Eric Wong"]
        );
        assert_eq!(
            names("Classified By: A/DCM Tamir G. Waser.  Reason: 1.4 (d)"),
            vec!["Tamir G. Waser"]
        );
        assert!(names("Classified By: Charge d'Affaires, for reasons 1.4 (b) and (d)").is_empty());
        assert!(names("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009").is_empty());
    }

    #[test]
    fn hyphens_and_arabic_articles() {
        let o = extract_officials("Jean-François Copé, the party leader, met Prime Minister Nuri al-Maliki. Later Maliki left.");
        let n: Vec<&str> = o.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(n, vec!["Jean-François Copé", "Nuri al-Maliki"]);
        assert_eq!(
            names("her chief of staff, Joaquín Martínez-Sicluna."),
            vec!["Joaquín Martínez-Sicluna"]
        );
    }

    #[test]
    fn caps_headline_verbs_are_not_names() {
        let text = "SUBJECT: PRESIDENT SARKOZY ARTICULATES NEW POLICY\n\n¶1. President Sarkozy spoke on Monday.";
        assert_eq!(names(text), vec!["Sarkozy"]);
    }

    #[test]
    fn signature_ties_or_stands_alone() {
        assert_eq!(
            names("Ambassador John Hamilton met them.\n\nHAMILTON\n"),
            vec!["John Hamilton"]
        );
        // The signer is a person even when the body never names him.
        assert_eq!(names("The team met them.\n\nHAMILTON\n"), vec!["Hamilton"]);
        assert_eq!(names("It ended. END COMMENT. WONG\n\nNNNN\n"), vec!["Wong"]);
        // Trailer junk and ordinary words are not signatures.
        assert!(names("The team met them.\n\nEXEMPT\n").is_empty());
        assert!(names("The team met them.\nof the country.\n").is_empty());
        assert!(names("The team met them.\n\nCONFIDENTIAL\n").is_empty());
    }

    #[test]
    fn possessive_titles_and_headlines() {
        assert_eq!(
            names("3. COMMENT: MINISTER'S DEADLINE IS REAL. THE UAR HAS\nLITTLE MONEY.\n"),
            Vec::<String>::new()
        );
        assert!(names("WITH TWO WEEKS TO GO BEFORE THE ARCH SUMMIT,\nTHE PRESIDENT'S SHERPA TOLD THE AMBASSADOR JUNE 27 THAT").is_empty());
        assert!(names("THAT THE PRIME MINISTER'S COMPLAINTS TO QOM HAVE PRODUCED").is_empty());
        assert_eq!(
            names("Oscar Contreras Hernandez has been replaced as\nDirector of Immigration. End summary."),
            vec!["Oscar Contreras Hernandez"]
        );
        assert_eq!(
            names("He said a financial intermediary, an Egyptian national\nnamed Abdullah al-Rashid, appears in the records."),
            vec!["Abdullah al-Rashid"]
        );
        assert_eq!(
            names("E.O. 12065: GDS 7/17/85 (STEMPEL, JOHN D.) OR-P\nTAGS: PINS\n"),
            vec!["John D. Stempel"]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "Ambassador",
            "Ambassador ",
            "¶",
            "¶1.",
            "Classified By:",
            "Classified By: ",
            ",",
            "Mr.",
            "\n\n\n",
            "é",
            "Dr. É",
            "Minister of",
        ] {
            let _ = extract_officials(s);
        }
        let long = "Ambassador John Hamilton x ".repeat(40_000);
        assert!(long.len() > 1_000_000);
        assert_eq!(names(&long), vec!["John Hamilton"]);
        let weird: String = (0u32..5000).filter_map(char::from_u32).collect();
        let _ = extract_officials(&weird);
    }
}
