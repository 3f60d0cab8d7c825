//! Find where JSON paths (`quotes[3].speaker`) sit in a file, in one pass.
//!
//! serde gives positions only for the first syntax or type error. Semantic problems
//! (duplicate ids, dangling references) are found on the typed model, which has no spans,
//! so their positions are recovered here: all requested paths go into a trie, and one walk
//! over the bytes descends only into wanted subtrees, skipping everything else by scanning.
//! Only runs when there is something to report, so clean loads never pay for it.

use std::borrow::Cow;
use std::collections::HashMap;

use super::path::{JsonPath, Segment};

#[derive(Default)]
struct Node {
    wanted: Vec<usize>,
    children: HashMap<Segment, usize>,
}

/// Byte offsets of each path's value (`None` when the path is not in the document, or does
/// not read back as itself when printed: see [`JsonPath::reads_back`]).
pub fn locate_all(bytes: &[u8], paths: &[&JsonPath]) -> Vec<Option<usize>> {
    let mut nodes = vec![Node::default()];
    for (n, path) in paths.iter().enumerate().filter(|(_, path)| path.reads_back()) {
        let mut at = 0;
        for segment in path.segments() {
            let next = nodes.len();
            at = *nodes[at].children.entry(segment.clone()).or_insert(next);
            if at == next {
                nodes.push(Node::default());
            }
        }
        nodes[at].wanted.push(n);
    }
    let mut found = vec![None; paths.len()];
    let mut walker = Walker { bytes, nodes: &nodes, found: &mut found };
    let start = walker.skip_ws(0);
    walker.walk(start, 0);
    found
}

struct Walker<'a> {
    bytes: &'a [u8],
    nodes: &'a [Node],
    found: &'a mut [Option<usize>],
}

impl Walker<'_> {
    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && matches!(self.bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    /// Walk the value at `i` for trie node `node`; returns the offset just past it.
    fn walk(&mut self, i: usize, node: usize) -> usize {
        // Keep the first occurrence: for a duplicated key, that is where it was first defined.
        for &n in &self.nodes[node].wanted {
            self.found[n].get_or_insert(i);
        }
        if self.nodes[node].children.is_empty() {
            return self.skip_value(i);
        }
        match self.bytes.get(i) {
            Some(b'{') => self.walk_object(i, node),
            Some(b'[') => self.walk_array(i, node),
            _ => self.skip_value(i),
        }
    }

    fn walk_object(&mut self, mut i: usize, node: usize) -> usize {
        i += 1;
        loop {
            i = self.skip_ws(i);
            match self.bytes.get(i) {
                Some(b'"') => {}
                Some(b'}') => return i + 1,
                Some(b',') => {
                    i += 1;
                    continue;
                }
                _ => return self.bytes.len(),
            }
            let key_end = self.skip_string(i);
            let key = serde_json::from_slice::<String>(&self.bytes[i..key_end]).unwrap_or_default();
            i = self.skip_ws(key_end);
            if self.bytes.get(i) == Some(&b':') {
                i = self.skip_ws(i + 1);
            }
            i = match self.nodes[node].children.get(&Segment::Key(Cow::Owned(key))) {
                Some(&child) => self.walk(i, child),
                None => self.skip_value(i),
            };
        }
    }

    fn walk_array(&mut self, mut i: usize, node: usize) -> usize {
        i += 1;
        let mut index = 0;
        loop {
            i = self.skip_ws(i);
            match self.bytes.get(i) {
                Some(b']') => return i + 1,
                Some(b',') => {
                    i += 1;
                    index += 1;
                    continue;
                }
                None => return self.bytes.len(),
                _ => {}
            }
            i = match self.nodes[node].children.get(&Segment::Index(index)) {
                Some(&child) => self.walk(i, child),
                None => self.skip_value(i),
            };
        }
    }

    /// `i` points at an opening quote; returns the offset after the closing quote.
    fn skip_string(&self, mut i: usize) -> usize {
        i += 1;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        self.bytes.len()
    }

    fn skip_value(&self, mut i: usize) -> usize {
        match self.bytes.get(i) {
            Some(b'"') => self.skip_string(i),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while i < self.bytes.len() {
                    match self.bytes[i] {
                        b'"' => {
                            i = self.skip_string(i);
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                self.bytes.len()
            }
            _ => {
                while i < self.bytes.len() && !matches!(self.bytes[i], b',' | b'}' | b']') {
                    i += 1;
                }
                i
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_in_one_pass() {
        let doc = br#"{"a": [1, {"b": "x,]}"}, {"c": [true, "y"]}], "d": {"e": null}}"#;
        let a2c1 = JsonPath::key("a").index(2).field("c").index(1);
        let de = JsonPath::key("d").field("e");
        let a1 = JsonPath::key("a").index(1);
        let missing = JsonPath::key("missing");
        let root = JsonPath::root();
        let found = locate_all(doc, &[&a2c1, &de, &a1, &missing, &root]);
        let at = |o: Option<usize>| o.map(|o| &doc[o..o + 3]);
        assert_eq!(at(found[0]), Some(&b"\"y\""[..]));
        assert_eq!(at(found[1]), Some(&b"nul"[..]));
        assert_eq!(at(found[2]), Some(&b"{\"b"[..]));
        assert_eq!(found[3], None);
        assert_eq!(found[4], Some(0));
    }
}
