//! What a part of the app asks of the others after handling a message. A part changes only
//! its own state; anything that reaches further (open a record, start the reader, say
//! something on the status line, run an effect) goes back to the router as a request, so
//! the router is the one place parts meet.

use super::effect::Effect;
use super::search::{Direction, Scope};
use crate::data::RecordRef;
use crate::search::Query;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Open a record's detail as a new history entry.
    Visit(RecordRef),
    /// Open the quote reader on `collection[position]`.
    Read(ReadRequest),
    StartSearch(Scope),
    /// The search closed (Esc): the view from before it comes back.
    SearchClosed,
    /// Open the next or previous result of the last search (`n`/`N`).
    StepMatch(Direction),
    /// A message for the status line.
    Say(String),
    Run(Effect),
    OpenHelp,
    CloseHelp,
    ClosePalette,
    /// Do an action as if its key were pressed where the user is (help's and the
    /// palette's Enter, after they close).
    Act(super::Action),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRequest {
    pub collection: Vec<RecordRef>,
    pub position: usize,
    /// What the collection is, for the position line ("Jimmy Iovine's quotes").
    pub name: String,
    /// The search the quotes were found with, whose matches stay highlighted.
    pub query: Option<Query>,
}

/// The requests of one message, applied by the router in order.
#[derive(Debug, Default)]
pub struct Outbox(Vec<Request>);

impl Outbox {
    pub fn send(&mut self, request: Request) {
        self.0.push(request);
    }

    pub fn say(&mut self, message: impl Into<String>) {
        self.0.push(Request::Say(message.into()));
    }

    pub fn take(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.0)
    }
}
