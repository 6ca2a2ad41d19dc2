//! Officials title rules: names before and after job titles, appositions and cue words.

use super::candidates::{make_candidate, title_text, Candidate};
use super::lexicon::{
    ARTICLE, CHARGE, COMMON, COMPLEMENT, CONNECTOR, D_AFFAIRES, GEO, HEAD, HONORIFIC, MODIFIER,
    PREPOSITION,
};
use super::tokens::{all_upper, has_at_least_chars, has_digit, Kind, Prose, Token};
use super::words::{
    can_end_name, is_article_prefixed, is_initial, is_name_word, is_particle, is_regnal_number,
    take_name, NameSpan,
};

pub(super) fn is_charge_head(tokens: &[Token<'_>], i: usize) -> bool {
    // "Charge" alone means the chargé without a name; only "Charge d'Affaires" is a title.
    tokens[i].has(CHARGE) && tokens.get(i + 1).is_some_and(|n| n.has(D_AFFAIRES))
}

pub(super) fn is_head_at(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    if !t.has(HEAD) {
        return false;
    }
    if t.has(CHARGE) {
        return is_charge_head(tokens, i);
    }
    true
}

/// Consumes a title chain starting at a head: more heads/modifiers, then "of/for + complement".
/// Returns the index after the chain.
pub(super) fn title_chain_end(tokens: &[Token<'_>], i: usize) -> usize {
    let mut k = i;
    while k < tokens.len() {
        let t = &tokens[k];
        if t.is_word() && (is_head_at(tokens, k) || t.has(MODIFIER | D_AFFAIRES)) {
            k += 1;
            if t.has(HONORIFIC) && tokens.get(k).is_some_and(|n| n.is_punct('.')) {
                k += 1;
            }
            // "the Minister's deadline", "the President's sherpa": what follows is owned, not named.
            if t.poss {
                break;
            }
        } else if t.has(PREPOSITION) && k > i {
            let mut j = k + 1;
            let mut got = 0;
            while j < tokens.len() {
                let c = &tokens[j];
                let acronym_comp = c.is_word()
                    && !c.caps
                    && all_upper(c.text)
                    && c.text.len() >= 2
                    && !has_digit(c.text);
                if c.has(COMPLEMENT) || acronym_comp || c.text.contains('/') && c.is_word() {
                    got += 1;
                    j += 1;
                } else if c.has(CONNECTOR) && j + 1 < tokens.len() {
                    j += 1;
                } else {
                    break;
                }
            }
            // Do not swallow trailing connectors ("Minister of the" + name is not a complement).
            while j > k + 1 && tokens[j - 1].has(CONNECTOR) && !tokens[j - 1].has(COMPLEMENT) {
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

/// Skips a "(ret)" or "(ret.)" after a rank: "LtGen (ret) Kidwai".
pub(super) fn after_retired(tokens: &[Token<'_>], end: usize) -> usize {
    let at = |k: usize| tokens.get(end + k);
    if !at(0).is_some_and(|t| t.is_punct('('))
        || !at(1).is_some_and(|t| t.text.eq_ignore_ascii_case("ret"))
    {
        return end;
    }
    match (at(2), at(3)) {
        (Some(c), _) if c.is_punct(')') => end + 3,
        (Some(d), Some(c)) if d.is_punct('.') && c.is_punct(')') => end + 4,
        _ => end,
    }
}

/// Start of the modifiers in front of a head ("Vice Minister", "G/TIP program officer").
pub(super) fn title_start(tokens: &[Token<'_>], i: usize) -> usize {
    let mut s = i;
    while s > 0 && i - s < 4 {
        let p = &tokens[s - 1];
        let acronym =
            p.is_word() && !p.caps && all_upper(p.text) && p.text.len() >= 2 && !has_digit(p.text);
        if p.is_word()
            && (p.has(MODIFIER)
                || p.has(HEAD) && !p.has(HONORIFIC)
                || p.text.contains('/')
                || acronym)
            && !p.has(COMMON | CONNECTOR | ARTICLE)
        {
            s -= 1;
        } else {
            break;
        }
    }
    s
}

/// Drops trailing name words from caps/headline lines that the prose never capitalizes ("SARKOZY ARTICULATES").
pub(super) fn confirm_span(
    tokens: &[Token<'_>],
    mut span: NameSpan,
    prose: &Prose<'_, '_>,
) -> Option<NameSpan> {
    let ok = |t: &Token<'_>| !t.confirm || !is_name_word(t, true) || prose.confirms(t.text);
    let keep = span.words.iter().take_while(|&&w| ok(&tokens[w])).count();
    span.words.truncate(keep);
    while span
        .words
        .last()
        .is_some_and(|&w| !can_end_name(&tokens[w]) && !is_regnal_number(&tokens[w]))
    {
        span.words.pop();
    }
    span.end = span.words.last().map(|&w| w + 1)?;
    Some(span)
}

pub(super) fn scan_titles(
    tokens: &[Token<'_>],
    prose: &Prose<'_, '_>,
    candidates: &mut Vec<Candidate>,
) {
    let mut i = 0;
    // Start of a title whose capitalized modifiers were read as a name ("Chief Privacy Officer").
    let mut carried_start: Option<usize> = None;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.is_word() && is_head_at(tokens, i) {
            let end = title_chain_end(tokens, i);
            if tokens[end - 1].poss {
                carried_start = None;
                i = end;
                continue;
            }
            let end = after_retired(tokens, end);
            let span = take_name(tokens, end)
                .or_else(|| appositive_name(tokens, i, end))
                .or_else(|| name_before_as(tokens, title_start(tokens, i), prose));
            let single = span.as_ref().is_some_and(|s| s.words.len() == 1);
            // After a complement ending in a nationality or possessive, a lone capitalized word is an organization
            // ("general secretary for the European Movement"), not a person.
            let after_geo = end > i + 1
                && (tokens[end - 1].has(GEO)
                    || tokens[end - 1].poss
                    || ["north", "south", "east", "west", "middle"]
                        .iter()
                        .any(|w| tokens[end - 1].text.eq_ignore_ascii_case(w))
                    || tokens[end - 1].text.eq_ignore_ascii_case("party"));
            let span = if single && after_geo {
                None
            } else {
                span.and_then(|s| confirm_span(tokens, s, prose))
            };
            // "Chief Privacy Officer Callahan", "Deputy Diplomatic Advisor Bruno Joubert": a capitalized word
            // followed by another title word belongs to the title.
            if let Some(sp) = &span {
                if sp.end > end
                    && tokens
                        .get(sp.end)
                        .is_some_and(|n| is_head_at(tokens, sp.end) && !n.has(HONORIFIC))
                {
                    carried_start = Some(carried_start.unwrap_or_else(|| title_start(tokens, i)));
                    i = sp.end;
                    continue;
                }
            }
            if let Some(span) = span {
                let ts = carried_start
                    .take()
                    .unwrap_or_else(|| title_start(tokens, i));
                let title = if tokens[i].has(HONORIFIC) && end <= i + 2 {
                    None
                } else {
                    title_text(&tokens[ts..end])
                };
                if let Some(c) = make_candidate(tokens, &span, title) {
                    candidates.push(c);
                }
                i = span.end.max(end).max(i + 1);
                continue;
            }
            carried_start = None;
            i = end.max(i + 1);
            continue;
        }
        if t.is_punct(',') {
            title_after(tokens, i, prose, candidates);
        }
        i += 1;
    }
}

pub(super) fn is_determiner(t: &Token<'_>) -> bool {
    t.is_word()
        && [
            "the", "a", "an", "this", "these", "those", "its", "their", "our",
        ]
        .iter()
        .any(|d| t.text.eq_ignore_ascii_case(d))
}

/// "her chief of staff, Joaquín Martínez-Sicluna.": a full name set off by commas right after a title.
pub(super) fn appositive_name(tokens: &[Token<'_>], head: usize, end: usize) -> Option<NameSpan> {
    if !tokens.get(end)?.is_punct(',') || tokens[head].has(HONORIFIC) {
        return None;
    }
    let span = take_name(tokens, end + 1)?;
    let real = span
        .words
        .iter()
        .filter(|&&w| is_name_word(&tokens[w], true))
        .count();
    let closed = tokens
        .get(span.end)
        .is_none_or(|t| matches!(t.kind, Kind::Punct('.' | ',' | ';' | ')') | Kind::Break));
    (real >= 2 && closed).then_some(span)
}

/// "Mario Rene Cifuentes, human rights advisor at the foreign ministry" and "X Y, the Director of Immigration".
pub(super) fn title_after(
    tokens: &[Token<'_>],
    comma: usize,
    prose: &Prose<'_, '_>,
    candidates: &mut Vec<Candidate>,
) {
    // Find a head within a few words after the comma.
    let mut k = comma + 1;
    while k < tokens.len() && tokens[k].has(ARTICLE) {
        k += 1;
    }
    let tstart = k;
    let mut head = None;
    while k < tokens.len() && k - tstart < 7 {
        let t = &tokens[k];
        if !t.is_word() {
            break;
        }
        if is_head_at(tokens, k) && !t.has(HONORIFIC) && !t.poss {
            head = Some(k);
            break;
        }
        if t.poss && (t.has(HEAD | MODIFIER | COMPLEMENT)) {
            // "X, the President's diplomatic adviser": the owner is part of the title.
            k += 1;
            continue;
        }
        let acronym = !t.caps && all_upper(t.text) && t.text.len() >= 2;
        if t.has(COMMON) && !t.has(MODIFIER | COMPLEMENT)
            || !(t.has(MODIFIER | COMPLEMENT | CONNECTOR)
                || acronym
                || t.text.contains('/')
                || t.text.contains('-'))
        {
            break;
        }
        k += 1;
    }
    let Some(h) = head else { return };
    let tend = title_chain_end(tokens, h);
    let Some(span) = name_ending_at(tokens, comma, prose) else {
        return;
    };
    if let Some(c) = make_candidate(tokens, &span, title_text(&tokens[tstart..tend])) {
        candidates.push(c);
    }
}

/// A full name (two or more name words) that ends exactly at token `e`, read backwards.
pub(super) fn name_ending_at(
    tokens: &[Token<'_>],
    e: usize,
    prose: &Prose<'_, '_>,
) -> Option<NameSpan> {
    let mut s = e;
    while s > 0 && e - s < 7 {
        let p = &tokens[s - 1];
        let ok = is_name_word(p, true) && !p.poss
            || is_particle(p)
            || p.is_punct('.')
            || is_initial(p, tokens.get(s));
        if !ok {
            break;
        }
        s -= 1;
    }
    // The run must start with a name word, and read forward to exactly `e`.
    while s < e && !is_name_word(&tokens[s], false) {
        s += 1;
    }
    if s >= e {
        return None;
    }
    // "before the Arch Summit, the President's sherpa": a name is not preceded by an article.
    if s > 0 && is_determiner(&tokens[s - 1]) {
        return None;
    }
    let span = take_name(tokens, s)?;
    if span.end != e
        || span
            .words
            .iter()
            .any(|&w| tokens[w].confirm && !prose.confirms(tokens[w].text))
    {
        return None;
    }
    let real = span
        .words
        .iter()
        .filter(|&&w| is_name_word(&tokens[w], true))
        .count();
    (real >= 2).then_some(span)
}

/// "Oscar Contreras Hernandez has been replaced as Director of Immigration": a full name, a few
/// lower-case words, then "as" and the title.
pub(super) fn name_before_as(
    tokens: &[Token<'_>],
    title_start: usize,
    prose: &Prose<'_, '_>,
) -> Option<NameSpan> {
    let mut k = title_start;
    while k > 0 && tokens[k - 1].has(ARTICLE) {
        k -= 1;
    }
    if k == 0 || !tokens[k - 1].is_word() || tokens[k - 1].text != "as" {
        return None;
    }
    let mut e = k - 1;
    let mut verbs = 0;
    while e > 0 && verbs < 4 {
        let p = &tokens[e - 1];
        if p.is_word()
            && !p.caps
            && p.text.chars().all(|c| c.is_lowercase())
            && has_at_least_chars(p.text, 2)
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
    name_ending_at(tokens, e, prose)
}

/// Names introduced by a cue other than a title: "an Egyptian national named Abdullah al-Rashid", and
/// given name plus Arabic article name ("Abdullah al-Rashid", "Nuri al-Maliki") in mixed-case prose.
pub(super) fn scan_cues(
    tokens: &[Token<'_>],
    prose: &Prose<'_, '_>,
    candidates: &mut Vec<Candidate>,
) {
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
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
            && tokens
                .get(i + 1)
                .is_some_and(|n| is_article_prefixed(n.text) && !n.caps)
            && (i == 0 || !(is_name_word(&tokens[i - 1], true) || is_particle(&tokens[i - 1])))
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
        let span = take_name(tokens, st).and_then(|s| confirm_span(tokens, s, prose));
        let Some(span) = span else {
            i += 1;
            continue;
        };
        let real = span
            .words
            .iter()
            .filter(|&&w| is_name_word(&tokens[w], true))
            .count();
        let last = span.words.last().map_or("", |&w| tokens[w].text);
        if real >= 2 && !is_arabic_org_word(last) {
            if let Some(c) = make_candidate(tokens, &span, None) {
                candidates.push(c);
            }
        }
        i = span.end.max(i + 1);
    }
}

/// First words of Arabic place and organization names ("Ras al-Khaimah", "Sharm el-Sheikh", "Jaish al-Mahdi").
pub(super) fn is_arabic_place_word(w: &str) -> bool {
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
pub(super) fn is_arabic_org_word(w: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use crate::officials::extract_officials;
    use crate::officials::tests::names;

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
}
