//! Deterministic synthetic datasets for benchmarks: shared by `examples/synth.rs` (the
//! command-line generator) and `benches/search.rs` (which generates in-process), via
//! `#[path]`, so the library carries no benchmark-only code.
//!
//! The quote text follows the corpus of `PERFORMANCE.md` (Appendix A): words drawn from
//! a ~480-word vocabulary with Zipf-like weights (12–40 words, ≈120 bytes), a comma in some longer sentences, and
//! speakers named from ~130 first and last names, a few of them accented (≈9 % of quotes
//! end up with a non-ASCII speaker). The PRNG is a hand-written splitmix64, so the same
//! seed gives the same bytes on every machine and Rust version.
//!
//! Output is streamed (no record is held in memory), and every string is plain text
//! without quotes, backslashes or control characters, so it is written without escaping.

use std::io::{self, Write};

/// splitmix64: tiny, fast, and fully specified (no dependency on `rand`'s algorithms).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const WORDS: &str = "the of and to a in that is it was for on with as be at by this not but from or have an
they which one you all were her she there would their we him been has when who will more no if out so
said what up its about into than them can only other new some could time these two may then do first any
my now such like our over man me even most made after also did many before must through back years where
much your way well down should because each just those people how too little state good very make world
still own see men work long get here between both life being under never day same another know while last
might us great old year off come since against go came right used take three life love hope fear truth
wisdom courage patience kindness silence honor freedom justice mercy anger sorrow joy grace faith doubt
heart mind soul spirit dream memory future past moment chance fortune destiny journey road river mountain
ocean storm fire light darkness shadow dawn dusk night morning winter summer autumn spring garden stone
defiant defiance define definite deficit defend defeat deference delight deliver demand depart desire
despair destroy devote diligent discover distant divine eager earnest endure enemy enormous eternal
fragile gentle glory harmony humble ignorance justice knowledge labor liberty modest noble obey patient
peace perish poverty pride prosper quiet quarrel question quest rebel reckless remember resolve restless
sacred serene simple sincere solitude strength struggle subtle sudden temper tender thunder triumph
trust unknown valor vanity vast victory virtue wander weary whisper wicked wonder worthy zeal zenith
always never perhaps often rarely seldom together alone beyond within without toward upon among
teach learn speak listen forgive forget believe remain become begin follow lead build break carry
choose fall rise grow change hold keep lose find give seek fight win fail try wait run walk stand
brave wise foolish bright dark cold warm deep broken whole empty full free bold calm fierce proud true
king queen soldier poet sailor stranger friend teacher mother father child brother sister master servant
sword crown book letter window door house city village kingdom empire war battle army ship harbor";

const FIRST: &str = "Marcus Seneca Epictetus Ada Grace Rosa Nelson Maya Oscar Virginia Leo Jane Mark Albert Marie Niels
Frida Pablo Simone Hannah Emily Walt Mary Isaac Charles Winston Eleanor Abraham Harriet Frederick Sojourner
Benjamin Thomas Ralph Henry Edgar Louisa Zora Langston Audre Toni James Confucius Lao Sun Rumi Hafez Omar
Khalil Rabindranath Mahatma Indira Wangari Chinua Desmond Octavia Ursula Arthur Agatha Dorothy Ludwig
Søren Frédéric José";

const LAST: &str = "Aurelius Lovelace Hopper Parks Mandela Angelou Wilde Woolf Tolstoy Austen Twain Einstein Curie Bohr
Kahlo Picasso Beauvoir Arendt Dickinson Whitman Shelley Newton Darwin Churchill Roosevelt Lincoln Tubman
Douglass Truth Franklin Jefferson Emerson Thoreau Poe Alcott Hurston Hughes Lorde Morrison Baldwin Tzu Gibran
Tagore Gandhi Maathai Achebe Tutu Butler Guin Clarke Christie Parker Wittgenstein Camus Sartre Nietzsche
Kant Hume Locke Voltaire Rousseau Montaigne Cicero Plato
Kierkegaard Brontë Gödel Martí";

/// How many records of each kind a dataset of `total` records gets: mostly quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub sources: usize,
    pub episodes: usize,
    pub themes: usize,
    pub people: usize,
    pub quotes: usize,
}

/// The smallest dataset the generator makes (every kind needs a few records).
pub const MIN_RECORDS: usize = 40;

impl Counts {
    pub fn for_total(total: usize) -> Counts {
        let total = total.max(MIN_RECORDS);
        let sources = (3 + total / 100_000).min(20);
        // Episode numbers are a u8 in the schema.
        let episodes = (total / 10_000).clamp(4, 200);
        let themes = (total / 5_000).clamp(6, 400);
        let people = (total * 3 / 100).max(10);
        let quotes = total - sources - episodes - themes - people;
        Counts { sources, episodes, themes, people, quotes }
    }
}

/// Words with Zipf-like cumulative weights, and the name lists.
struct Vocabulary {
    words: Vec<&'static str>,
    cumulative: Vec<f64>,
    first: Vec<&'static str>,
    last: Vec<&'static str>,
}

impl Vocabulary {
    fn new() -> Self {
        let words: Vec<&str> = WORDS.split_whitespace().collect();
        let mut acc = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                acc += 1.0 / ((rank + 1) as f64).powf(0.9);
                acc
            })
            .collect();
        Vocabulary {
            words,
            cumulative,
            first: FIRST.split_whitespace().collect(),
            last: LAST.split_whitespace().collect(),
        }
    }

    fn word(&self, rng: &mut Rng) -> &'static str {
        let total = self.cumulative[self.cumulative.len() - 1];
        let x = rng.unit() * total;
        let at = self.cumulative.partition_point(|&c| c <= x);
        self.words[at.min(self.words.len() - 1)]
    }

    /// A sentence of `min..=max` words, capitalised, with a comma in some long ones, and
    /// a full stop.
    fn sentence(&self, rng: &mut Rng, min: usize, max: usize, out: &mut String) {
        let k = min + rng.below(max - min + 1);
        let comma = if k > 14 && rng.below(2) == 1 { Some(4 + rng.below(k - 8)) } else { None };
        for i in 0..k {
            let word = self.word(rng);
            if i == 0 {
                let mut chars = word.chars();
                if let Some(c) = chars.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(word);
            }
            if comma == Some(i) {
                out.push(',');
            }
        }
        out.push('.');
    }

    fn name(&self, rng: &mut Rng, out: &mut String) {
        out.push_str(self.first[rng.below(self.first.len())]);
        out.push(' ');
        out.push_str(self.last[rng.below(self.last.len())]);
    }

    fn title(&self, rng: &mut Rng, words: usize, out: &mut String) {
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            let word = self.word(rng);
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
}

fn source_id(i: usize) -> String {
    format!("s{i:02}")
}
fn episode_id(i: usize) -> String {
    format!("e{i:03}")
}
fn theme_id(i: usize) -> String {
    format!("t{i:04}")
}
fn person_id(i: usize) -> String {
    format!("p{i:04}")
}
fn quote_id(i: usize) -> String {
    format!("q{i:07}")
}

/// Write a dataset of `total` records (at least [`MIN_RECORDS`]) generated from `seed`.
pub fn write_dataset(total: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let counts = Counts::for_total(total);
    let vocab = Vocabulary::new();
    let mut rng = Rng::new(seed);
    let mut s = String::new();
    let source = |rng: &mut Rng| source_id(rng.below(counts.sources));

    write!(
        out,
        concat!(
            "{{\n\"schema_version\": 1,\n\"series\": {{\"id\": \"synthetic\", \"title\": \"Synthetic Quotes\", ",
            "\"year\": 2017, \"network\": \"None\", \"format\": \"Generated benchmark data\", ",
            "\"premiere\": \"2017-07-09\", \"finale\": \"2017-07-12\", \"directors\": [\"{}\"], ",
            "\"summary\": \"A generated dataset of {} records for benchmarks.\", \"sources\": [\"{}\"]}},\n"
        ),
        person_id(0),
        counts.sources + counts.episodes + counts.themes + counts.people + counts.quotes,
        source_id(0)
    )?;

    out.write_all(b"\"episodes\": [\n")?;
    for i in 0..counts.episodes {
        s.clear();
        vocab.title(&mut rng, 2, &mut s);
        let title = std::mem::take(&mut s);
        vocab.sentence(&mut rng, 12, 30, &mut s);
        let summary = std::mem::take(&mut s);
        vocab.sentence(&mut rng, 8, 20, &mut s);
        let event = std::mem::take(&mut s);
        let (month, day) = (1 + i % 12, 1 + i % 28);
        write!(
            out,
            concat!(
                "{{\"id\": \"{}\", \"number\": {}, \"title\": \"Part {}: {}\", \"air_date\": \"2017-{:02}-{:02}\", ",
                "\"summary\": \"{}\", \"events\": [{{\"text\": \"{}\", \"placement\": \"explicit\", ",
                "\"support\": \"single\", \"sources\": [\"{}\"], \"people\": [\"{}\"]}}], \"sources\": [\"{}\"]}}{}\n"
            ),
            episode_id(i),
            i + 1,
            i + 1,
            title,
            month,
            day,
            summary,
            event,
            source(&mut rng),
            person_id(rng.below(counts.people)),
            source(&mut rng),
            if i + 1 < counts.episodes { "," } else { "" }
        )?;
    }

    out.write_all(b"],\n\"themes\": [\n")?;
    for i in 0..counts.themes {
        s.clear();
        vocab.title(&mut rng, 2, &mut s);
        let name = std::mem::take(&mut s);
        vocab.sentence(&mut rng, 8, 16, &mut s);
        write!(
            out,
            concat!(
                "{{\"id\": \"{}\", \"name\": \"{} {}\", \"description\": \"{}\", \"support\": \"single\", ",
                "\"episodes\": [\"{}\"], \"sources\": [\"{}\"]}}{}\n"
            ),
            theme_id(i),
            name,
            i,
            s,
            episode_id(rng.below(counts.episodes)),
            source(&mut rng),
            if i + 1 < counts.themes { "," } else { "" }
        )?;
    }

    out.write_all(b"],\n\"people\": [\n")?;
    for i in 0..counts.people {
        s.clear();
        vocab.name(&mut rng, &mut s);
        let name = std::mem::take(&mut s);
        vocab.sentence(&mut rng, 6, 12, &mut s);
        write!(
            out,
            concat!(
                "{{\"id\": \"{}\", \"name\": \"{}\", \"roles\": [\"interviewee\"], \"description\": \"{}\", ",
                "\"sources\": [\"{}\"]}}{}\n"
            ),
            person_id(i),
            name,
            s,
            source(&mut rng),
            if i + 1 < counts.people { "," } else { "" }
        )?;
    }

    out.write_all(b"],\n\"footage\": [],\n\"quotes\": [\n")?;
    for i in 0..counts.quotes {
        s.clear();
        // 12–40 words: ≈120 bytes on average, like the corpus lines of PERFORMANCE.md.
        vocab.sentence(&mut rng, 12, 40, &mut s);
        let from = source(&mut rng);
        write!(
            out,
            concat!(
                "{{\"id\": \"{}\", \"text\": \"{}\", \"speaker\": \"{}\", \"setting\": \"in-series\", ",
                "\"occasion\": \"interview\", \"source\": \"{}\", \"sources\": [\"{}\"]"
            ),
            quote_id(i),
            s,
            person_id(rng.below(counts.people)),
            from,
            from
        )?;
        // Some quotes are placed in an episode and tagged with a theme (valid references).
        if rng.below(2) == 0 {
            write!(out, ", \"episode\": \"{}\"", episode_id(rng.below(counts.episodes)))?;
        }
        if rng.below(4) == 0 {
            write!(out, ", \"themes\": [\"{}\"]", theme_id(rng.below(counts.themes)))?;
        }
        out.write_all(if i + 1 < counts.quotes { b"},\n" } else { b"}\n" })?;
    }

    out.write_all(b"],\n\"sources\": [\n")?;
    for i in 0..counts.sources {
        s.clear();
        vocab.title(&mut rng, 4, &mut s);
        write!(
            out,
            concat!(
                "{{\"id\": \"{}\", \"title\": \"{}\", \"publication\": \"Synthetic Press\", ",
                "\"url\": \"https://example.invalid/{}\"}}{}\n"
            ),
            source_id(i),
            s,
            i,
            if i + 1 < counts.sources { "," } else { "" }
        )?;
    }
    out.write_all(b"]\n}\n")?;
    Ok(())
}

/// The dataset as bytes, for in-process benchmarks.
pub fn dataset_bytes(total: usize, seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(total * 260);
    write_dataset(total, seed, &mut out).expect("writing to a Vec cannot fail");
    out
}
