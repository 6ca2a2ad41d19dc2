//! Officials lexicon: word classes (titles, honorifics, particles, places, common words) and their lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

pub(super) const HEAD: u32 = 1; // job titles that introduce or follow a name
pub(super) const MODIFIER: u32 = 2; // words that qualify a title ("Vice", "program")
pub(super) const COMPLEMENT: u32 = 4; // words of a title's complement ("of Foreign Affairs")
pub(super) const STOP: u32 = 8; // never part of a person's name
pub(super) const COMMON: u32 = 16; // ordinary English words (decisive in ALL CAPS text)
pub(super) const PARTICLE: u32 = 32; // name particles (de, van, bin)
pub(super) const HONORIFIC: u32 = 64; // honorifics and abbreviated ranks ("Mr.", "Gen.")
pub(super) const CONNECTOR: u32 = 128; // connectors inside titles ("of", "the")
pub(super) const ARTICLE: u32 = 256; // articles/possessives allowed before a title after a comma
pub(super) const GEO: u32 = 512; // countries, nationalities, capitals
pub(super) const CHARGE: u32 = 1024; // "Charge", a title only with "d'Affaires"
pub(super) const D_AFFAIRES: u32 = 2048; // "d'Affaires"
pub(super) const PREPOSITION: u32 = 4096; // prepositions that open a title complement
pub(super) const GIVEN: u32 = 8192; // given names (data/given_names.txt)
pub(super) const SPEECH: u32 = 16384; // verbs of saying that follow a speaker ("Corado said")
pub(super) const NAMESAKE: u32 = 32768; // nouns a person's name can qualify ("George Washington University")
pub(super) const KNOWN: u32 = 65536; // surnames of well-known public figures (data/known_people.txt)
pub(super) const ALONE: u32 = 131072; // known surnames that may name the person alone ("Mubarak")
pub(super) const INSTITUTION: u32 = 262144; // places and bodies named after a person ("Carter Center")

/// Given names, one a line (sources and licence in the file's comment lines).
pub(super) const GIVEN_NAMES: &str = include_str!("../../data/given_names.txt");

/// Well-known public figures, `Full Name|Surname` a line (what the list holds is in its comments).
pub(super) const KNOWN_PEOPLE: &str = include_str!("../../data/known_people.txt");

/// One line of [`KNOWN_PEOPLE`]: `Full Name|Surname`, with `|word` where the surname is also
/// an English word or a place.
struct KnownPerson {
    full: &'static str,
    surname: &'static str,
    is_word: bool,
}

impl KnownPerson {
    /// The surname's last word, the one a lookup starts from ("bin Laden" -> "Laden").
    fn last_word(&self) -> Option<&'static str> {
        self.surname.split_whitespace().last()
    }

    /// The forms of the name that end on [`last_word`](Self::last_word): the full name, and
    /// the surname part when it has several words ("Sabri al-Banna|Abu Nidal" -> both).
    fn forms(&self) -> impl Iterator<Item = &'static str> {
        [
            Some(self.full),
            self.surname.contains(' ').then_some(self.surname),
        ]
        .into_iter()
        .flatten()
    }

    /// Whether the surname may name the person alone: one word after any particles
    /// ("Mubarak", "bin Laden"), not the end of a longer form ("Abu Jihad", "Hun Sen"), not
    /// marked `word` ("Brown", "Hague"), three letters or more.
    fn stands_alone(&self) -> bool {
        let mut words = self.surname.split_whitespace().rev();
        !self.is_word
            && words.next().is_some_and(|last| last.chars().count() >= 3)
            && words.all(|w| NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
    }
}

fn known_people() -> impl Iterator<Item = KnownPerson> {
    KNOWN_PEOPLE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('|');
            Some(KnownPerson {
                full: fields.next()?,
                surname: fields.next()?,
                is_word: fields.next() == Some("word"),
            })
        })
}

/// The full names of the known people a surname word stands for, as lower-case words without
/// a leading title ("King Hassan II" -> "hassan ii"), keyed by the lower-case surname word:
/// "deng" -> [["deng", "xiaoping"]]. Only names of two words or more.
static KNOWN_FULL_NAMES: LazyLock<HashMap<Key, Vec<Vec<String>>, BuildHasherDefault<WordHasher>>> =
    LazyLock::new(|| {
        let mut m: HashMap<Key, Vec<Vec<String>>, BuildHasherDefault<WordHasher>> =
            HashMap::default();
        for person in known_people() {
            let Some(key) = person
                .last_word()
                .filter(|word| word.chars().count() >= 2)
                .and_then(|word| key_of(word.to_lowercase().as_bytes()))
            else {
                continue;
            };
            for form in person.forms() {
                let words: Vec<String> = form
                    .split_whitespace()
                    .skip_while(|w| flags_of(w) & (HEAD | HONORIFIC) != 0)
                    .map(str::to_lowercase)
                    .collect();
                if words.len() > 1 {
                    m.entry(key).or_default().push(words);
                }
            }
        }
        m
    });

/// The full names (lower-case words) of the known people `word` is the surname of.
pub(super) fn known_full_names(word: &str) -> &'static [Vec<String>] {
    with_lower(word, |k| KNOWN_FULL_NAMES.get(k).map(Vec::as_slice))
        .flatten()
        .unwrap_or(&[])
}

pub(super) const SPEECH_WORDS: &str = "said says told stated noted explained added asserted claimed argued \
 believes believed insisted commented confirmed denied warned stressed emphasized emphasised complained replied \
 responded opined lamented observed acknowledged agreed thinks thought expressed recalled remarked predicted \
 asked indicated suggested reiterated admitted conceded cautioned";

/// Nouns a person's name qualifies without meaning the person's own place or body ("the Bush
/// administration", "the Marshall Plan"); [`INSTITUTION_WORDS`] are namesakes too.
pub(super) const NAMESAKE_WORDS: &str =
    "doctrine plan group program programme initiative fellowship fellows \
 administration era government cabinet";

/// Places and institutions named after a person: "Mubarak Library", "Carter Center".
pub(super) const INSTITUTION_WORDS: &str = "university college institute foundation center centre hospital school \
 airport street avenue road square bridge prize award awards library museum stadium park hall hotel \
 company corporation fund trust academy scholarship memorial boulevard highway port dam";

pub(super) const HEAD_WORDS: &str = "ambassador ambassadors president minister ministers director secretary general officer advisor adviser \
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
 chair co-chair vice-chair chairs presidents minster syg pm fm fonmin defmin mindef intmin srsg dg";

pub(super) const HONORIFIC_WORDS: &str = "mr mrs ms dr lic amb gen col lt sen rep gov pres messrs mme mlle sra srta dra \
 maj capt cdr adm brig sgt ltg lgen mgen hon prof sheikh mg bg ltc lord baroness baron dame sir ltgen majgen brigen";

pub(super) const MODIFIER_WORDS: &str = "vice acting former senior junior foreign prime interior defense defence finance political \
 economic econ pol polmil consular public executive first second third special principal permanent program programme \
 regional national local embassy human rights desk legal press military naval air army police deputy assistant \
 associate managing chief supreme lead team project country station staff trade commercial cultural labor labour \
 environment science health education justice security intelligence media communications information protocol \
 presidential parliamentary party opposition ruling provincial state federal district municipal city town county \
 tip g/tip inl dea fbi mfa mod moi usaid mission new outgoing incoming designate interim elected newly then current \
 top high-ranking ranking longtime long-time veteran influential powerful";

pub(super) const COMPLEMENT_WORDS: &str = "foreign affairs interior defense defence finance finances economy economic justice health \
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

pub(super) const CONNECTOR_WORDS: &str = "of for at to in the and on with & y";

pub(super) const ARTICLE_WORDS: &str = "the a an his her its their our then also now currently";

/// Name particles: written in lower case inside a name (title casing keeps them so), joined to
/// the surname, and never enough to identify a person.
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "dela", "la", "las", "los", "da", "das", "do", "dos", "di", "du", "van",
    "der", "den", "ten", "ter", "von", "zu", "bin", "ibn", "bint", "al", "el",
];

pub(super) const STOP_WORDS: &str = "january february march april may june july august september october november december \
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
pub(super) const GEO_WORDS: &str = "afghanistan afghan afghans albania albanian algeria algerian andorra angola angolan argentina \
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
 ramallah gaza tel aviv minbu magway irawaddy narino hamburg frankfurt munich aden sanaa";

pub(super) const COMMON_WORDS: &str = "a about above across after afterwards again against all almost alone along already also \
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
 mr mrs ms dr madam \
 source sources contact contacts interlocutor interlocutors observer observers witness witnesses resident residents \
 neighbor neighbors neighbour neighbours colleague colleagues counterpart counterparts participant participants";

/// A word-at-a-time hash: the lexicon is looked up once per word (SipHash dominated the profile,
/// then byte-at-a-time FNV did); eight bytes per multiply, then a final mix for the table's bits.
#[derive(Default)]
pub(super) struct WordHasher(u64);

const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = (h ^ u64::from_le_bytes(word))
                .wrapping_mul(MUL)
                .rotate_left(29);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            h = (h ^ u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59))
                .wrapping_mul(MUL)
                .rotate_left(29);
        }
        self.0 = h;
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(MUL).rotate_left(29);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// The bytes of a lower-case word of up to 24 bytes, zero padded (no word holds a zero byte):
/// a lookup needs no UTF-8 check and compares the key in the table without following a pointer.
type Key = [u8; 24];

fn key_of(bytes: &[u8]) -> Option<Key> {
    let mut key = [0u8; 24];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(key)
}

/// Keyed by the lower-case word (see [`Key`]).
pub(super) type Lexicon = HashMap<Key, u32, BuildHasherDefault<WordHasher>>;

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut m = Lexicon::default();
    let lists: [(&'static str, u32); 15] = [
        ("charge chargé", CHARGE),
        ("d'affaires", D_AFFAIRES),
        ("of for at to in on", PREPOSITION),
        (HEAD_WORDS, HEAD),
        (HONORIFIC_WORDS, HONORIFIC | HEAD),
        (MODIFIER_WORDS, MODIFIER),
        (COMPLEMENT_WORDS, COMPLEMENT),
        (CONNECTOR_WORDS, CONNECTOR),
        (ARTICLE_WORDS, ARTICLE),
        (STOP_WORDS, STOP),
        (GEO_WORDS, STOP | COMPLEMENT | GEO),
        (COMMON_WORDS, COMMON),
        (SPEECH_WORDS, SPEECH),
        (NAMESAKE_WORDS, NAMESAKE),
        (INSTITUTION_WORDS, NAMESAKE | INSTITUTION),
    ];
    // Words longer than a key are never looked up (see `with_lower`), so none is kept.
    let mut add = |word: &str, flag: u32| {
        if let Some(key) = key_of(word.as_bytes()) {
            *m.entry(key).or_insert(0) |= flag;
        }
    };
    for (list, flag) in lists {
        for w in list.split_whitespace() {
            add(w, flag);
        }
    }
    for particle in NAME_PARTICLES {
        add(particle, PARTICLE);
    }
    // Given names share the table, so a capitalized word costs one lookup.
    for name in GIVEN_NAMES
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(str::split_whitespace)
    {
        add(name, GIVEN);
    }
    for person in known_people() {
        if let Some(last) = person.last_word().filter(|w| w.chars().count() >= 2) {
            let alone = if person.stands_alone() { ALONE } else { 0 };
            add(&last.to_lowercase(), KNOWN | alone);
        }
    }
    m
});

/// Calls `f` with the lower-case bytes of `word`, without allocating for short ASCII words;
/// None for words no table holds (longer than 24 bytes, or opening with a digit).
fn with_lower<R>(word: &str, f: impl FnOnce(&Key) -> R) -> Option<R> {
    let bytes = word.as_bytes();
    if bytes.len() > 24 || bytes.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if word.is_ascii() {
        let mut key = [0u8; 24];
        for (d, s) in key.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        Some(f(&key))
    } else {
        let k = word.to_lowercase().replace('’', "'");
        key_of(k.as_bytes()).map(|key| f(&key))
    }
}

/// Word-class flags of a word (no GIVEN or KNOWN: see [`word_flags`]).
pub(super) fn flags_of(word: &str) -> u32 {
    with_lower(word, |k| LEXICON.get(k).copied().unwrap_or(0)).unwrap_or(0)
        & !(GIVEN | KNOWN | ALONE)
}

/// Whether the word is a given name of the list.
pub(super) fn is_given_name(word: &str) -> bool {
    with_lower(word, |k| LEXICON.get(k).is_some_and(|f| f & GIVEN != 0)).unwrap_or(false)
}

/// Flags of a token's word: its classes, GIVEN for a capitalized given name (or a hyphenated
/// one whose first part is, "Jean-Claude"), and a title after "then-" or "ex-" read as the
/// title ("then-President").
#[inline]
pub(super) fn word_flags(word: &str) -> u32 {
    let capitalized = word
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_uppercase() || !b.is_ascii());
    let flags = with_lower(word, |k| LEXICON.get(k).copied().unwrap_or(0)).unwrap_or(0);
    let flags = if capitalized {
        flags
    } else {
        flags & !(GIVEN | KNOWN | ALONE)
    };
    if flags != 0 || word.len() < 4 {
        return flags;
    }
    let bytes = word.as_bytes();
    let title = (bytes.get(2) == Some(&b'-') || bytes.get(4) == Some(&b'-'))
        .then(|| {
            ["then-", "ex-", "Then-", "Ex-", "THEN-", "EX-"]
                .iter()
                .find_map(|p| word.strip_prefix(p))
        })
        .flatten();
    if let Some(rest) = title {
        return flags_of(rest) & (HEAD | MODIFIER | HONORIFIC);
    }
    if !capitalized {
        return 0;
    }
    match word.split_once('-') {
        Some((first, _)) if is_given_name(first) => GIVEN,
        _ => 0,
    }
}
