//! The slide's typographic metrics: sizes and spacings relative to the body size (in its `em`),
//! kept here once. The layout stacks blocks with them (slides PDF, fitting, handouts), and the
//! HTML receives them as CSS custom properties (`--diapo-m-*`, see [`css`]), which the theme's
//! stylesheet uses instead of numbers of its own: a change here moves both outputs.

/// Space after a paragraph.
pub const PARAGRAPH_AFTER: f32 = 0.55;
/// A sub-heading's size, its line height and the space after it (in body `em`).
pub const HEADING_SIZE: f32 = 1.1;
pub const HEADING_LINE_HEIGHT: f32 = 1.2;
pub const HEADING_AFTER: f32 = 0.3;
/// How far list items are indented from their column.
pub const LIST_INDENT: f32 = 1.3;
/// Space after a list, between two items, and above a nested list.
pub const LIST_AFTER: f32 = 0.5;
pub const ITEM_GAP: f32 = 0.35;
pub const NESTED_GAP: f32 = 0.3;
/// How much smaller each level of nested list is.
pub const NESTED_SCALE: f32 = 0.86;
/// Space after a quote, a code block, a table or an image.
pub const BLOCK_AFTER: f32 = 0.6;
/// A quote's bar (slide pixels) and the gap between the bar and the text.
pub const QUOTE_BAR: f32 = 6.0;
pub const QUOTE_GAP: f32 = 0.9;
/// Code: its size, line height, padding (in code `em`) and bar (slide pixels).
pub const CODE_SIZE: f32 = 0.7;
pub const CODE_LINE_HEIGHT: f32 = 1.3;
pub const CODE_PAD: f32 = 0.8;
pub const CODE_BAR: f32 = 6.0;
/// Code inside a sentence.
pub const INLINE_CODE_SIZE: f32 = 0.85;
/// Tables: size, and cell padding in table `em`.
pub const TABLE_SIZE: f32 = 0.8;
pub const TABLE_PAD_X: f32 = 0.7;
pub const TABLE_PAD_Y: f32 = 0.3;
/// The slide title: line height, space under it (in title `em`), the "(suite)" label's size.
pub const TITLE_LINE_HEIGHT: f32 = 1.15;
pub const TITLE_AFTER: f32 = 0.7;
pub const CONTINUED: f32 = 0.6;

/// The metrics as CSS custom properties (numbers; the stylesheet multiplies them by `1em` or
/// `1px`), to go inside the theme's `:root` rule.
pub fn css() -> String {
    let mut out = String::new();
    for (name, value) in [
        ("paragraph-after", PARAGRAPH_AFTER),
        ("heading-size", HEADING_SIZE),
        ("heading-line-height", HEADING_LINE_HEIGHT),
        ("heading-after", HEADING_AFTER),
        ("list-indent", LIST_INDENT),
        ("list-after", LIST_AFTER),
        ("item-gap", ITEM_GAP),
        ("nested-gap", NESTED_GAP),
        ("nested-scale", NESTED_SCALE),
        ("block-after", BLOCK_AFTER),
        ("quote-bar", QUOTE_BAR),
        ("quote-gap", QUOTE_GAP),
        ("code-size", CODE_SIZE),
        ("code-line-height", CODE_LINE_HEIGHT),
        ("code-pad", CODE_PAD),
        ("code-bar", CODE_BAR),
        ("inline-code-size", INLINE_CODE_SIZE),
        ("table-size", TABLE_SIZE),
        ("table-pad-x", TABLE_PAD_X),
        ("table-pad-y", TABLE_PAD_Y),
        ("title-line-height", TITLE_LINE_HEIGHT),
        ("title-after", TITLE_AFTER),
        ("continued", CONTINUED),
    ] {
        out.push_str(&format!("  --diapo-m-{name}: {value};\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    /// Every metric the stylesheet uses is one this module emits, and every one emitted is
    /// used: the CSS keeps no spacing of its own, and no metric is left unapplied.
    #[test]
    fn the_stylesheet_uses_exactly_the_metrics() {
        let css = super::css();
        let emitted: std::collections::BTreeSet<&str> = css
            .lines()
            .filter_map(|l| l.trim().strip_prefix("--diapo-m-"))
            .filter_map(|l| l.split(':').next())
            .collect();
        let sheet = include_str!("../../themes/etat/style.css");
        let used: std::collections::BTreeSet<&str> = sheet
            .match_indices("var(--diapo-m-")
            .map(|(i, m)| {
                let rest = &sheet[i + m.len()..];
                &rest[..rest.find(')').unwrap_or(rest.len())]
            })
            .collect();
        assert_eq!(emitted, used);
    }
}
