//! One section of records (`quotes`, `people`, …) parsed record by record for the slow
//! path, streamed: each record is parsed as the array is read, so a section of 25 million
//! bad entries never becomes a list of 25 million raw values (400 MB) before the first is
//! looked at, and past the kept diagnostics a bad record is only counted.

use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::recover::{Broken, TopLevel, parse_one};
use super::{error_at, offset_of};
use crate::data::Kind;
use crate::data::diagnostic::{Code, Report, Severity};
use crate::data::path::JsonPath;
use crate::sanitize;

/// The records of one section that parse; every one that does not is reported (or counted).
pub(super) fn parse_section<'a, T: Deserialize<'a>>(
    bytes: &[u8],
    raw: &'a RawValue,
    kind: Kind,
    report: &mut Report,
    broken: &mut Broken,
) -> Vec<T> {
    let base = bytes.as_ptr() as usize;
    let mut records = Records { base, kind, report, broken, records: Vec::new(), kept: Vec::new(), _t: PhantomData };
    let mut de = serde_json::Deserializer::from_str(raw.get());
    // A section that is not an array of records is reported once, as a whole.
    if let Err(error) = serde::Deserializer::deserialize_seq(&mut de, &mut records) {
        let at = raw.get().as_ptr() as usize - base;
        let offset = at + offset_of(raw.get().as_bytes(), error.line(), error.column());
        records.report.push(error_at(JsonPath::key(kind.section()), &error).at(offset));
    }
    let Records { records, kept, broken, .. } = records;
    broken.kept.push((kind, kept));
    records
}

struct Records<'r, T> {
    /// Address of the file's first byte, to turn a record's address into its offset.
    base: usize,
    kind: Kind,
    report: &'r mut Report,
    broken: &'r mut Broken,
    records: Vec<T>,
    /// File index of each record kept.
    kept: Vec<usize>,
    _t: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for &mut Records<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        // serde's own words for a list, so the message reads as it did for a `Vec`.
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            self.record(index, item);
            index += 1;
        }
        Ok(())
    }
}

impl<'de, T: Deserialize<'de>> Records<'_, T> {
    fn record(&mut self, index: usize, item: &'de RawValue) {
        let parsed = if self.report.is_full() {
            // Past the kept diagnostics a bad record is only counted: no second parse for
            // its path, no message. A record is an object (or, to serde, an array of its
            // fields); anything else fails without asking serde.
            let parsed = matches!(item.get().as_bytes().first(), Some(b'{' | b'['))
                .then(|| T::deserialize(&mut serde_json::Deserializer::from_str(item.get())).ok())
                .flatten();
            if parsed.is_none() {
                self.report.count(Severity::Error);
            }
            parsed
        } else {
            let at = item.get().as_ptr() as usize - self.base;
            parse_one::<T>(item, JsonPath::record(self.kind.section(), index), at, self.report)
        };
        match parsed {
            Some(record) => {
                self.records.push(record);
                self.kept.push(index);
            }
            None => self.note_ids(item),
        }
    }

    /// Every `id` a broken record gives: a duplicated `id` key (the record's own error) must
    /// not also make references to either value look dangling.
    fn note_ids(&mut self, item: &RawValue) {
        if !item.get().starts_with('{') {
            return;
        }
        if let Ok(TopLevel(entries)) = serde_json::from_str::<TopLevel>(item.get()) {
            for (_, raw) in entries.iter().filter(|(key, _)| key == "id") {
                if let Ok(id) = serde_json::from_str::<String>(raw.get()) {
                    self.broken.ids.insert(Code::UnknownId { kind: self.kind, id: sanitize::line(&id).into_owned() });
                }
            }
        }
    }
}
