//! What the view draws with: colour on or off, the theme in force (`app.theme()`, so
//! `:theme light` works at run time) and the config's overrides of single palette roles.

use ratatui::style::Style;

use super::Palette;
use crate::app::Theme;

/// A palette role by the name the config's `[theme]` section uses (`link-kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Text,
    Dim,
    Title,
    Id,
    Label,
    Heading,
    Link,
    LinkKind,
    Selected,
    SelectedUnfocused,
    Border,
    BorderFocused,
    Tab,
    TabActive,
    Crumb,
    Key,
    Status,
    Notice,
    Matched,
}

impl Role {
    pub const ALL: [Role; 19] = [
        Role::Text,
        Role::Dim,
        Role::Title,
        Role::Id,
        Role::Label,
        Role::Heading,
        Role::Link,
        Role::LinkKind,
        Role::Selected,
        Role::SelectedUnfocused,
        Role::Border,
        Role::BorderFocused,
        Role::Tab,
        Role::TabActive,
        Role::Crumb,
        Role::Key,
        Role::Status,
        Role::Notice,
        Role::Matched,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Text => "text",
            Role::Dim => "dim",
            Role::Title => "title",
            Role::Id => "id",
            Role::Label => "label",
            Role::Heading => "heading",
            Role::Link => "link",
            Role::LinkKind => "link-kind",
            Role::Selected => "selected",
            Role::SelectedUnfocused => "selected-unfocused",
            Role::Border => "border",
            Role::BorderFocused => "border-focused",
            Role::Tab => "tab",
            Role::TabActive => "tab-active",
            Role::Crumb => "crumb",
            Role::Key => "key",
            Role::Status => "status",
            Role::Notice => "notice",
            Role::Matched => "matched",
        }
    }

    /// What the role styles, for the commented default config.
    pub fn describe(self) -> &'static str {
        match self {
            Role::Text => "plain text",
            Role::Dim => "secondary text",
            Role::Title => "a record's title",
            Role::Id => "ids (person:dr-dre)",
            Role::Label => "field labels",
            Role::Heading => "section headings",
            Role::Link => "links to other records",
            Role::LinkKind => "the kind before a link",
            Role::Selected => "the selected row in the focused block",
            Role::SelectedUnfocused => "the selected row elsewhere",
            Role::Border => "borders",
            Role::BorderFocused => "the focused block's border",
            Role::Tab => "pane tabs",
            Role::TabActive => "the current pane's tab",
            Role::Crumb => "the breadcrumb",
            Role::Key => "keys in hints and help",
            Role::Status => "status messages",
            Role::Notice => "warnings and notices",
            Role::Matched => "matched characters of a search",
        }
    }

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl Palette {
    /// The style of one role.
    pub fn role(&self, role: Role) -> Style {
        let mut copy = *self;
        *copy.role_mut(role)
    }

    pub fn role_mut(&mut self, role: Role) -> &mut Style {
        match role {
            Role::Text => &mut self.text,
            Role::Dim => &mut self.dim,
            Role::Title => &mut self.title,
            Role::Id => &mut self.id,
            Role::Label => &mut self.label,
            Role::Heading => &mut self.heading,
            Role::Link => &mut self.link,
            Role::LinkKind => &mut self.link_kind,
            Role::Selected => &mut self.selected,
            Role::SelectedUnfocused => &mut self.selected_unfocused,
            Role::Border => &mut self.border,
            Role::BorderFocused => &mut self.border_focused,
            Role::Tab => &mut self.tab,
            Role::TabActive => &mut self.tab_active,
            Role::Crumb => &mut self.crumb,
            Role::Key => &mut self.key,
            Role::Status => &mut self.status,
            Role::Notice => &mut self.notice,
            Role::Matched => &mut self.matched,
        }
    }
}

/// Colour on or off and the role overrides; [`Styles::palette`] gives the palette of a theme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Styles {
    /// Off with `NO_COLOR`, `--color never`: the monochrome palette, overrides ignored.
    pub monochrome: bool,
    /// Styles that replace a role's in every theme (the config's `[theme]` roles).
    pub overrides: Vec<(Role, Style)>,
}

impl Styles {
    pub fn palette(&self, theme: Theme) -> Palette {
        if self.monochrome {
            return Palette::monochrome();
        }
        let mut palette = Palette::for_theme(theme, true);
        for &(role, style) in &self.overrides {
            *palette.role_mut(role) = style;
        }
        palette
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    #[test]
    fn names_read_back_and_overrides_apply_to_every_theme() {
        for role in Role::ALL {
            assert_eq!(Role::from_name(role.name()), Some(role));
        }
        let styles = Styles { monochrome: false, overrides: vec![(Role::Link, Style::new().fg(Color::Green))] };
        for theme in Theme::ALL {
            assert_eq!(styles.palette(theme).link, Style::new().fg(Color::Green));
        }
        assert_eq!(styles.palette(Theme::Light).title, Palette::light().title);
        let off = Styles { monochrome: true, ..styles };
        assert_eq!(off.palette(Theme::Light), Palette::monochrome());
        assert!(off.palette(Theme::Dark).selected.add_modifier.contains(Modifier::REVERSED));
    }
}
