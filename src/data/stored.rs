//! What a dataset read back from a snapshot is made of: record lists decoded the first
//! time they are read, a table of every record's id and label, and the link graph's
//! arrays, all over the snapshot's bytes. A dataset loaded from JSON has its lists decoded
//! already and none of the rest.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// One kind's records, in file order. Reads as a slice (`data.quotes[i]`, `.iter()`); a
/// snapshot's are decoded on first use, so a command or a first frame that needs a few
/// names never decodes a million quotes.
pub struct Records<'a, T> {
    len: usize,
    items: OnceLock<Vec<T>>,
    decode: Option<Decode<'a, T>>,
}

type Decode<'a, T> = Box<dyn Fn() -> Option<Vec<T>> + Send + Sync + 'a>;

impl<'a, T> Records<'a, T> {
    /// `len` records that `decode` gives when first asked. A decode that fails (a snapshot
    /// whose checksums held but whose records do not decode: not one defiant wrote) gives no
    /// records at all.
    pub fn lazy(len: usize, decode: impl Fn() -> Option<Vec<T>> + Send + Sync + 'a) -> Self {
        Self { len, items: OnceLock::new(), decode: Some(Box::new(decode)) }
    }

    /// How many there are, without decoding them.
    pub fn len(&self) -> usize {
        self.items.get().map_or(self.len, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn as_slice(&self) -> &[T] {
        self.items.get_or_init(|| {
            let items = self.decode.as_ref().and_then(|decode| decode()).unwrap_or_default();
            if items.len() == self.len { items } else { Vec::new() }
        })
    }
}

impl<T> From<Vec<T>> for Records<'_, T> {
    fn from(items: Vec<T>) -> Self {
        Self { len: items.len(), items: OnceLock::from(items), decode: None }
    }
}

impl<T> Deref for Records<'_, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T> fmt::Debug for Records<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Records({}, decoded: {})", self.len, self.items.get().is_some())
    }
}

/// `u32`s stored little-endian in a snapshot, or a list built in memory.
#[derive(Debug)]
pub enum U32s<'a> {
    Owned(Vec<u32>),
    Stored(&'a [u8]),
}

impl U32s<'_> {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        match self {
            U32s::Owned(v) => v.len(),
            U32s::Stored(b) => b.len() / 4,
        }
    }

    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            U32s::Owned(v) => v.get(i).copied(),
            U32s::Stored(b) => {
                let at = i.checked_mul(4)?;
                b.get(at..at + 4).map(|n| u32::from_le_bytes([n[0], n[1], n[2], n[3]]))
            }
        }
    }

    pub fn write_to(&self, out: &mut Vec<u8>) {
        for i in 0..self.len() {
            out.extend_from_slice(&self.get(i).unwrap_or(0).to_le_bytes());
        }
    }
}

/// Text that strings are ranges of: a `str`, or a snapshot's text, which checks the part a
/// string lies in the first time it is read (so a first frame reads a few pages of it, not
/// all of it).
pub trait Strings: Send + Sync {
    /// `len` bytes from `start`, when they are in range and a checked, whole UTF-8 string.
    fn get(&self, start: usize, len: usize) -> Option<&str>;
}

impl Strings for String {
    fn get(&self, start: usize, len: usize) -> Option<&str> {
        self.as_str().get(start..start.checked_add(len)?)
    }
}

/// Every record's id and label as ranges of the snapshot's text, by global index (records
/// numbered kind by kind): 16 bytes a record.
pub struct Names<'a> {
    pub table: &'a [u8],
    pub text: &'a dyn Strings,
}

impl fmt::Debug for Names<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Names({} bytes)", self.table.len())
    }
}

impl<'a> Names<'a> {
    fn range(&self, g: usize, which: usize) -> Option<&'a str> {
        let at = g.checked_mul(16)? + which * 8;
        let b = self.table.get(at..at + 8)?;
        let start = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let len = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
        self.text.get(start, len)
    }

    pub fn id(&self, g: usize) -> &'a str {
        self.range(g, 0).unwrap_or_default()
    }

    pub fn label(&self, g: usize) -> &'a str {
        self.range(g, 1).unwrap_or_default()
    }
}

/// Serialized as the list it reads as.
impl<T: serde::Serialize> serde::Serialize for Records<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'r, T> IntoIterator for &'r Records<'_, T> {
    type Item = &'r T;
    type IntoIter = std::slice::Iter<'r, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}
