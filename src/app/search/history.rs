//! The queries of this run, for Alt-↑/Alt-↓ in the prompt: newest last, each once. Kept
//! as plain strings so the collections work can persist them across runs as they are.

use super::Direction;

/// How many queries are remembered.
const KEEP: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryHistory {
    queries: Vec<String>,
    /// Where Alt-↑/↓ is in `queries` while walking; `None` before the first step.
    at: Option<usize>,
}

impl QueryHistory {
    /// Remember a query that was searched for (blank ones are not), moving an earlier copy
    /// of it to the end.
    pub fn remember(&mut self, query: &str) {
        let query = query.trim();
        self.at = None;
        if query.is_empty() {
            return;
        }
        self.queries.retain(|q| q != query);
        self.queries.push(query.to_string());
        if self.queries.len() > KEEP {
            self.queries.remove(0);
        }
    }

    /// The query one step back (older) or forward (newer) from where the walk is; `typed`
    /// is what the prompt holds, skipped when it equals the first step's query.
    pub fn step(&mut self, direction: Direction, typed: &str) -> Option<&str> {
        let len = self.queries.len();
        let next = match (direction, self.at) {
            (_, _) if len == 0 => return None,
            (Direction::Backward, None) => {
                let newest = len - 1;
                if self.queries[newest] == typed.trim() && newest > 0 { newest - 1 } else { newest }
            }
            (Direction::Backward, Some(at)) => at.checked_sub(1)?,
            (Direction::Forward, None) => return None,
            (Direction::Forward, Some(at)) if at + 1 < len => at + 1,
            (Direction::Forward, Some(_)) => return None,
        };
        self.at = Some(next);
        self.queries.get(next).map(String::as_str)
    }

    pub fn queries(&self) -> &[String] {
        &self.queries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forward_newest_first_without_repeats() {
        let mut h = QueryHistory::default();
        for q in ["dre", "iovine", "  ", "dre"] {
            h.remember(q);
        }
        assert_eq!(h.queries(), ["iovine", "dre"], "blank skipped, the repeat moved to the end");
        assert_eq!(h.step(Direction::Backward, ""), Some("dre"));
        assert_eq!(h.step(Direction::Backward, "dre"), Some("iovine"));
        assert_eq!(h.step(Direction::Backward, "iovine"), None, "nothing older");
        assert_eq!(h.step(Direction::Forward, "iovine"), Some("dre"));
        assert_eq!(h.step(Direction::Forward, "dre"), None);
        h.remember("beats");
        assert_eq!(h.step(Direction::Backward, "beats"), Some("dre"), "the query in the prompt is skipped");
    }
}
