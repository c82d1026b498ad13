//! The themes compiled into the binary, file by file.

pub struct BuiltinTheme {
    pub name: &'static str,
    pub toml: &'static str,
    pub css: &'static str,
    pub templates: &'static [(&'static str, &'static str)],
}

macro_rules! theme {
    ($name:literal) => {
        BuiltinTheme {
            name: $name,
            toml: include_str!(concat!("../../themes/", $name, "/theme.toml")),
            css: include_str!(concat!("../../themes/", $name, "/style.css")),
            templates: &[
                (
                    "deck.hbs",
                    include_str!(concat!("../../themes/", $name, "/deck.hbs")),
                ),
                (
                    "title.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/title.hbs")),
                ),
                (
                    "section.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/section.hbs")),
                ),
                (
                    "content.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/content.hbs")),
                ),
                (
                    "two-column.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/two-column.hbs")),
                ),
                (
                    "testimony.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/testimony.hbs")),
                ),
                (
                    "key-figure.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/key-figure.hbs")),
                ),
                (
                    "comparison.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/comparison.hbs")),
                ),
                (
                    "poll.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/poll.hbs")),
                ),
                (
                    "definition.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/definition.hbs")),
                ),
                (
                    "closing.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/closing.hbs")),
                ),
                (
                    "agenda.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/agenda.hbs")),
                ),
                (
                    "objectives.hbs",
                    include_str!(concat!("../../themes/", $name, "/layouts/objectives.hbs")),
                ),
            ],
        }
    };
}

pub const THEMES: &[BuiltinTheme] = &[theme!("etat")];

/// The runtime shared by every theme: navigation, fragments, presenter view, print.
pub const RUNTIME_JS: &str = include_str!("../../themes/runtime/runtime.js");
pub const RUNTIME_CSS: &str = include_str!("../../themes/runtime/runtime.css");
