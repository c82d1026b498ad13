//! The themes and brands compiled into the binary, file by file, so a bare install works anywhere.
//! A user's theme folder overrides any of these files with a same-named one (see `files`).

macro_rules! theme_file {
    ($theme:literal, $path:literal) => {
        (
            $theme,
            $path,
            include_str!(concat!("../../themes/", $theme, "/", $path)),
        )
    };
}

macro_rules! brand {
    ($id:literal) => {
        (
            $id,
            include_str!(concat!("../../themes/brands/", $id, ".toml")),
            &[(
                concat!("logos/", $id, ".png"),
                include_bytes!(concat!("../../themes/brands/logos/", $id, ".png")),
            )],
        )
    };
}

/// The base of every theme: the value of every key a theme file leaves out.
pub const BASE_THEME: &str = include_str!("../../themes/base.toml");

/// `(theme, path inside the theme folder, text)`.
pub const THEME_FILES: &[(&str, &str, &str)] = &[
    theme_file!("etat", "theme.toml"),
    theme_file!("etat", "style.css"),
    theme_file!("etat", "deck.hbs"),
    theme_file!("etat", "layouts/title.hbs"),
    theme_file!("etat", "layouts/section.hbs"),
    theme_file!("etat", "layouts/content.hbs"),
    theme_file!("etat", "layouts/two-column.hbs"),
    theme_file!("etat", "layouts/testimony.hbs"),
    theme_file!("etat", "layouts/key-figure.hbs"),
    theme_file!("etat", "layouts/comparison.hbs"),
    theme_file!("etat", "layouts/poll.hbs"),
    theme_file!("etat", "layouts/definition.hbs"),
    theme_file!("etat", "layouts/closing.hbs"),
    theme_file!("etat", "layouts/agenda.hbs"),
    theme_file!("etat", "layouts/objectives.hbs"),
    theme_file!("sobre", "theme.toml"),
    theme_file!("sobre", "style.css"),
    theme_file!("sombre", "theme.toml"),
    theme_file!("sombre", "style.css"),
];

/// Files a built-in brand refers to (its logo), by their path relative to the brand file.
pub type BrandFiles = &'static [(&'static str, &'static [u8])];

/// The example brands: `(id, brand file, files it refers to)`.
pub const BRANDS: &[(&str, &str, BrandFiles)] = &[
    brand!("armees"),
    brand!("ecologie"),
    brand!("education"),
    brand!("interieur"),
    brand!("justice"),
];

/// The runtime shared by every theme: navigation, fragments, presenter view, print.
pub const RUNTIME_JS: &str = include_str!("../../themes/runtime/runtime.js");
pub const RUNTIME_CSS: &str = include_str!("../../themes/runtime/runtime.css");
