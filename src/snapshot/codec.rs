//! A compact binary form of any serde type, for the snapshot's records and report.
//!
//! Generic over the model: a new record kind or field needs no code here, only derives
//! (and a bump of `format::VERSION`, which a test pins). The form is positional, not
//! self-describing: integers are little-endian at their width, a bool or an `Option`'s tag
//! is one byte, a sequence is a `u32` count then its items, a struct is a `u64` mask of
//! the fields present (serde's derive skips a `skip_serializing_if` field, which then
//! takes its default) then those fields in order, an enum variant is its `u32` index then
//! its fields. A string is not inline: it
//! is a `u32` start and a `u32` length in the snapshot's text, so decoded strings borrow
//! from the mapped file (as loaded ones borrow from the JSON) and the search index's
//! ranges stay ranges of that same text.
//!
//! Decoding checks every length and range and never panics: a corrupt body gives an
//! error (the snapshot is then rebuilt), never a wrong record or a crash.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

use crate::data::Strings;

#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

fn bad(what: &str) -> Error {
    Error(format!("corrupt snapshot: {what}"))
}

/// Where encoded strings go: the snapshot's text, which holds only the strings something
/// points to, each copied once. A short string of `base` (the dataset's file text: ids,
/// dates, kinds, repeated thousands of times) is copied once per distinct value; a longer
/// one is copied with the bytes around it that an earlier string took from `base` (so a
/// label that is a slice of a quote's text points into that text's copy); any other is
/// appended as it is.
pub struct Encoder<'t> {
    pub out: Vec<u8>,
    base: &'t str,
    pub text: String,
    /// The ranges of `base` copied to `text` so far: their start in `base`, then their end
    /// in `base` and their start in `text`.
    copied: BTreeMap<usize, (usize, usize)>,
    /// Where each distinct short string of `base` (see [`SHORT`]) is in `text`.
    short: FxHashMap<&'t str, usize>,
    /// For each struct being written: where its field mask is, and how many fields (written
    /// or skipped) it has had so far.
    fields: Vec<(usize, u32)>,
}

/// Strings of at most this many bytes are copied once per distinct value (by a hash map);
/// longer ones once per place in `base` (by an ordered map of copied ranges). At 1M records
/// most strings are short (ids, dates, kinds) and few distinct, which keeps both the text
/// and the builder's maps small.
const SHORT: usize = 16;

impl<'t> Encoder<'t> {
    pub fn new(base: &'t str) -> Self {
        Self {
            out: Vec::new(),
            base,
            text: String::new(),
            copied: BTreeMap::new(),
            short: FxHashMap::default(),
            fields: Vec::new(),
        }
    }

    /// Where `base[start..end]` is in the text, copying it there unless an earlier copy
    /// holds it; `None` when it is not a string of `base`.
    pub fn copy_from_base(&mut self, start: usize, end: usize) -> Option<usize> {
        if end.checked_sub(start)? <= SHORT {
            let piece = self.base.get(start..end)?;
            if let Some(&at) = self.short.get(piece) {
                return Some(at);
            }
            let at = self.text.len();
            self.text.push_str(piece);
            self.short.insert(piece, at);
            return Some(at);
        }
        if let Some((&from, &(to, at))) = self.copied.range(..=start).next_back()
            && end <= to
        {
            return Some(at + (start - from));
        }
        let piece = self.base.get(start..end)?;
        let at = self.text.len();
        self.text.push_str(piece);
        self.copied.insert(start, (end, at));
        Some(at)
    }

    /// A struct starts with a `u64` mask of the fields it holds: serde's derive skips a
    /// field marked `skip_serializing_if` (which must then have a default), and the decoder
    /// gives the struct only the fields whose bit is set.
    fn open_struct(&mut self) {
        self.fields.push((self.out.len(), 0));
        self.out.extend_from_slice(&[0; 8]);
    }

    fn field(&mut self, present: bool) -> Result<()> {
        let Some((at, n)) = self.fields.last_mut() else {
            return Err(Error("snapshot: a field outside a struct".into()));
        };
        if *n >= 64 {
            return Err(Error("snapshot: a struct of more than 64 fields".into()));
        }
        if present {
            let mask = u64::from_le_bytes(self.out[*at..*at + 8].try_into().unwrap_or_default()) | 1 << *n;
            self.out[*at..*at + 8].copy_from_slice(&mask.to_le_bytes());
        }
        *n += 1;
        Ok(())
    }

    /// Append `value`'s encoding to `out`.
    pub fn encode<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut *self)
    }

    fn u32(&mut self, n: usize) -> Result<()> {
        let n = u32::try_from(n).map_err(|_| Error("snapshot: a count or offset over 4 GiB".into()))?;
        self.out.extend_from_slice(&n.to_le_bytes());
        Ok(())
    }

    /// Where `value` is in the snapshot's text (copying it there, see [`Encoder`]).
    pub fn place(&mut self, value: &str) -> Result<(u32, u32)> {
        let before = self.out.len();
        self.text(value)?;
        let b = &self.out[before..];
        let range = (u32::from_le_bytes([b[0], b[1], b[2], b[3]]), u32::from_le_bytes([b[4], b[5], b[6], b[7]]));
        self.out.truncate(before);
        Ok(range)
    }

    fn text(&mut self, value: &str) -> Result<()> {
        let at = (value.as_ptr() as usize).wrapping_sub(self.base.as_ptr() as usize);
        // Two live allocations never overlap, so an address inside `base` is a slice of it.
        let in_base = at <= self.base.len() && value.len() <= self.base.len() - at;
        let start = if value.is_empty() {
            0
        } else if let Some(start) = in_base.then(|| self.copy_from_base(at, at + value.len())).flatten() {
            start
        } else {
            let start = self.text.len();
            self.text.push_str(value);
            start
        };
        self.u32(start)?;
        self.u32(value.len())
    }
}

impl<'a, 't> ser::Serializer for &'a mut Encoder<'t> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.push(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.out.push(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_u32(v as u32)
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.text(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.u32(v.len())?;
        self.out.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<()> {
        self.out.push(0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        self.out.push(1);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<()> {
        self.serialize_u32(index)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        self.serialize_u32(index)?;
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self> {
        let len = len.ok_or_else(|| Error("snapshot: a sequence of unknown length".into()))?;
        self.u32(len)?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self> {
        Ok(self)
    }
    fn serialize_tuple_variant(self, _: &'static str, index: u32, _: &'static str, _: usize) -> Result<Self> {
        self.serialize_u32(index)?;
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self> {
        self.serialize_seq(len)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self> {
        self.open_struct();
        Ok(self)
    }
    fn serialize_struct_variant(self, _: &'static str, index: u32, _: &'static str, _: usize) -> Result<Self> {
        self.serialize_u32(index)?;
        self.open_struct();
        Ok(self)
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

macro_rules! compound {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'a, 't> ser::$trait for &'a mut Encoder<'t> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<()> {
                Ok(())
            }
        }
    )*};
}
compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<'a, 't> ser::SerializeMap for &'a mut Encoder<'t> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl<'a, 't> ser::SerializeStruct for &'a mut Encoder<'t> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<()> {
        self.field(true)?;
        value.serialize(&mut **self)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        self.field(false)
    }
    fn end(self) -> Result<()> {
        self.fields.pop();
        Ok(())
    }
}

impl<'a, 't> ser::SerializeStructVariant for &'a mut Encoder<'t> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<()> {
        self.field(true)?;
        value.serialize(&mut **self)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        self.field(false)
    }
    fn end(self) -> Result<()> {
        self.fields.pop();
        Ok(())
    }
}

/// Reads what [`Encoder`] wrote; strings borrow from `text`.
pub struct Decoder<'de> {
    input: &'de [u8],
    text: &'de dyn Strings,
}

impl<'de> Decoder<'de> {
    pub fn new(input: &'de [u8], text: &'de dyn Strings) -> Self {
        Self { input, text }
    }

    /// Decode one value, which must use all of `input`.
    pub fn decode<T: de::Deserialize<'de>>(input: &'de [u8], text: &'de dyn Strings) -> Result<T> {
        let mut decoder = Decoder::new(input, text);
        let value = T::deserialize(&mut decoder)?;
        if !decoder.input.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(value)
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        let (head, rest) = self.input.split_first_chunk::<N>().ok_or_else(|| bad("truncated record"))?;
        self.input = rest;
        Ok(*head)
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take()?))
    }

    fn len(&mut self) -> Result<usize> {
        let n = self.u32()? as usize;
        // Every item takes at least one byte... except a unit; bounding by the input keeps a
        // corrupt count from reserving gigabytes.
        if n > self.input.len() {
            return Err(bad("a count past the end"));
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<&'de str> {
        let start = self.u32()? as usize;
        let len = self.u32()? as usize;
        self.text.get(start, len).ok_or_else(|| bad("a string out of range or damaged"))
    }

    fn bool(&mut self) -> Result<bool> {
        match self.take::<1>()? {
            [0] => Ok(false),
            [1] => Ok(true),
            _ => Err(bad("a bool that is neither 0 nor 1")),
        }
    }
}

macro_rules! number {
    ($($method:ident $visit:ident $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.$visit(<$ty>::from_le_bytes(self.take()?))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Decoder<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Error("snapshot: the binary form is not self-describing".into()))
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_bool(self.bool()?)
    }
    number!(
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16, deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64, deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64, deserialize_f32 visit_f32 f32,
        deserialize_f64 visit_f64 f64
    );
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_char(char::from_u32(self.u32()?).ok_or_else(|| bad("not a char"))?)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.str()?)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.str()?)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.len()?;
        let (bytes, rest) = self.input.split_at(n);
        self.input = rest;
        visitor.visit_borrowed_bytes(bytes)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.bool()? { visitor.visit_some(self) } else { visitor.visit_none() }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let len = self.len()?;
        visitor.visit_seq(Items { decoder: self, left: len })
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(Items { decoder: self, left: len })
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, len: usize, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(Items { decoder: self, left: len })
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let len = self.len()?;
        visitor.visit_map(Items { decoder: self, left: len })
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let mask = self.mask(fields)?;
        visitor.visit_map(Fields { decoder: self, fields, mask, next: 0 })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(self.u32()?)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Error("snapshot: cannot skip a value".into()))
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

struct Items<'a, 'de> {
    decoder: &'a mut Decoder<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.decoder).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.decoder).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.decoder)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Decoder<'de> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let index = self.u32()?;
        let value = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(index))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Decoder<'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(Items { decoder: self, left: len })
    }
    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        let mask = self.mask(fields)?;
        visitor.visit_map(Fields { decoder: self, fields, mask, next: 0 })
    }
}

impl Decoder<'_> {
    /// A struct's field mask, which names no field the struct does not have.
    fn mask(&mut self, fields: &[&str]) -> Result<u64> {
        let mask = u64::from_le_bytes(self.take()?);
        if fields.len() < 64 && mask >> fields.len() != 0 {
            return Err(bad("a field the struct does not have"));
        }
        Ok(mask)
    }
}

/// A struct's fields, by name, as its mask says (see `Encoder::open_struct`).
struct Fields<'a, 'de> {
    decoder: &'a mut Decoder<'de>,
    fields: &'static [&'static str],
    mask: u64,
    next: usize,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        while self.next < self.fields.len() && self.mask & (1 << self.next) == 0 {
            self.next += 1;
        }
        let Some(&name) = self.fields.get(self.next) else { return Ok(None) };
        self.next += 1;
        seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(name)).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.decoder)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Shape {
        Dot,
        Line(u16),
        Box { w: u8, h: u8 },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample<'a> {
        #[serde(borrow)]
        name: Cow<'a, str>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        skipped: Vec<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kept: Option<u8>,
        tags: Vec<String>,
        shape: Vec<Shape>,
        maybe: Option<i64>,
        flag: bool,
    }

    #[test]
    fn values_round_trip_and_strings_borrow_from_the_text() {
        let base = "hello world";
        let value = Sample {
            name: Cow::Borrowed(&base[6..]),
            skipped: Vec::new(),
            kept: Some(3),
            tags: vec!["owned".into(), String::new()],
            shape: vec![Shape::Dot, Shape::Line(7), Shape::Box { w: 1, h: 2 }],
            maybe: Some(-5),
            flag: true,
        };
        let mut encoder = Encoder::new(base);
        encoder.encode(&value).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(encoder.text, "worldowned", "only what is used, each once");
        let text = encoder.text.clone();
        let back: Sample = Decoder::decode(&encoder.out, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, value);
        assert!(matches!(back.name, Cow::Borrowed(_)));
        // Every truncation is an error, never a panic.
        for cut in 0..encoder.out.len() {
            assert!(Decoder::decode::<Sample>(&encoder.out[..cut], &text).is_err(), "cut at {cut}");
        }
        // A string range past the text is an error.
        assert!(Decoder::decode::<Sample>(&encoder.out, &String::from("short")).is_err());
    }

    #[test]
    fn a_slice_of_a_copied_string_points_into_its_copy() {
        let base = "0123456789abcdefghijklmnopqrstuvwxyz";
        let mut encoder = Encoder::new(base);
        assert_eq!(encoder.copy_from_base(2, 30), Some(0));
        assert_eq!(encoder.copy_from_base(3, 25), Some(1), "inside a copy: no new bytes");
        assert_eq!(encoder.copy_from_base(10, 34), Some(28), "past a copy's end: copied again");
        assert_eq!(encoder.copy_from_base(12, 33), Some(30));
        assert_eq!(encoder.copy_from_base(0, 37), None);
        assert_eq!(encoder.text, format!("{}{}", &base[2..30], &base[10..34]));
    }

    #[test]
    fn a_short_string_is_copied_once_per_value() {
        let base = "p01 p02 p01 a-long-string-of-twenty";
        let mut encoder = Encoder::new(base);
        assert_eq!(encoder.copy_from_base(0, 3), Some(0));
        assert_eq!(encoder.copy_from_base(4, 7), Some(3));
        assert_eq!(encoder.copy_from_base(8, 11), Some(0), "the same value elsewhere in the file");
        assert_eq!(encoder.copy_from_base(12, base.len()), Some(6));
        assert_eq!(encoder.text, "p01p02a-long-string-of-twenty");
    }
}
